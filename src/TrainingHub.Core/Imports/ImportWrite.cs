using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Imports;

/// <summary>
/// Carries out a checked plan in one short transaction with set-based writes: the offerings' row locks first (seats are
/// decided one writer at a time, in file order), then the new people in bulk, the changed ones through the change
/// tracker, the enrolments in bulk (a seat while one is free and the organisation's quota allows, then the waitlist),
/// one message per enrolment in the outbox and one audit entry per row written, in bulk too. A handful of statements
/// per table instead of a score of round trips per row, so short writers wait milliseconds, not the length of the file.
/// An offering that closed since the plan, or a person registered meanwhile by someone else, rolls everything back.
/// </summary>
internal static class ImportWrite
{
    private sealed record Recipient(int Id, string FullName, string Email, string PreferredLanguage);

    public static async Task<ImportReport> RunAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ImportPlan plan, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var report = plan.Report();
        var audit = AuditInterceptor.Of(db);
        var added = plan.NewPeople.Select(p => new Person
        {
            Cpf = p.Cpf,
            FullName = p.FullName,
            NameKey = NameKey.For(p.FullName),
            Email = p.Email,
            OrganizationId = p.OrganizationId,
            JobTitle = p.JobTitle,
            RegistrationNumber = p.Registration,
            PreferredLanguage = p.Language ?? Languages.Portuguese,
            ManagerId = p.ManagerCpf is { } m && plan.ExistingIds.TryGetValue(m, out var managerId) ? managerId : null,
            CreatedAt = now,
        }).ToList();
        var offeringIds = plan.Enrolments.Select(e => e.OfferingId).Distinct().Order().ToList();

        db.ChangeTracker.Clear();
        var open = Stopwatch.StartNew();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Database.AutoSavepointsEnabled = false; // all or nothing: a failed save ends the whole transaction
        try
        {
            // The offerings' locks in id order (two imports never wait on each other in a circle), then their state now.
            foreach (var id in offeringIds)
            {
                await Seats.LockAsync(db, id, ct);
            }

            // An administrator enrols people only into offerings they can see (the others are "not found", as to EnrolInOffering).
            var offerings = await db.Offerings.InScope(scope).AsNoTracking().Include(o => o.EligibilityRules).Where(o => offeringIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            var today = SaoPaulo.Today(time);
            var closed = plan.Enrolments
                .Select(e => new ImportRowError(e.Line, plan.Table.ColumnName(ImportColumn.Offering),
                    offerings.TryGetValue(e.OfferingId, out var o) ? EnrolInOffering.WhyClosed(o, now, today) ?? "" : "Offering.NotFound", []))
                .Where(e => e.Code.Length > 0).ToList();
            if (closed.Count > 0)
            {
                await tx.RollbackAsync(ct);
                return report with { Errors = closed };
            }

            var entries = new List<AuditEntry>();
            var ids = await WritePeopleAsync(db, plan, added, ct);
            entries.AddRange(added.Select(p => audit.Added(db.Model.FindEntityType(typeof(Person))!, p)));

            var (enrolments, newEnrolments, alreadyEnrolled) = await WriteEnrolmentsAsync(db, plan, ids, offerings, now, ct);
            entries.AddRange(newEnrolments.Select(e => audit.Added(db.Model.FindEntityType(typeof(Enrolment.Enrolment))!, e)));
            await BulkInsert.InsertAsync(db, await MessagesAsync(db, enrolments, offerings, now, ct), ct);
            await BulkInsert.InsertAsync(db, entries, ct);
            await tx.CommitAsync(ct);
            var writeTime = open.Elapsed;
            db.ChangeTracker.Clear();
            return report with
            {
                Committed = true,
                WriteTime = writeTime,
                PersonIds = plan.PersonCpfs.Select(c => ids[c]).ToList(),
                Confirmed = enrolments.Count(e => e.Status == EnrolmentStatus.Confirmed),
                Waitlisted = enrolments.Count(e => e.Status == EnrolmentStatus.Waitlisted),
                EnrolmentsToCreate = report.EnrolmentsToCreate - alreadyEnrolled,
                AlreadyEnrolled = report.AlreadyEnrolled + alreadyEnrolled,
            };
        }
        catch (Exception e) when (e is DbUpdateException || (e is DbException d && IsConstraint(db, d)))
        {
            // Someone registered or changed the same people while this ran (a unique CPF, say): nothing was written.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return report with { Errors = [new ImportRowError(0, "", "Import.Conflict", [])] };
        }
    }

    /// <summary>New people in bulk (their ids read back by CPF), then their managers from the same file, then the changed people. Returns CPF → id.</summary>
    private static async Task<Dictionary<string, int>> WritePeopleAsync(TrainingHubDbContext db, ImportPlan plan, List<Person> added, CancellationToken ct)
    {
        await BulkInsert.InsertAsync(db, added, ct);
        var ids = new Dictionary<string, int>(plan.ExistingIds, StringComparer.Ordinal);
        var cpfs = added.Select(p => p.Cpf).ToList();
        foreach (var p in cpfs.Count == 0 ? [] : await db.People.Where(p => cpfs.Contains(p.Cpf)).Select(p => new { p.Id, p.Cpf }).ToListAsync(ct))
        {
            ids[p.Cpf] = p.Id;
        }

        foreach (var person in added)
        {
            person.Id = ids[person.Cpf];
        }

        // Managers registered by this same file: one statement per manager.
        var byCpf = added.ToDictionary(p => p.Cpf, StringComparer.Ordinal);
        foreach (var team in plan.NewPeople.Where(p => p.ManagerCpf is { } m && !plan.ExistingIds.ContainsKey(m)).GroupBy(p => p.ManagerCpf!, StringComparer.Ordinal))
        {
            var managerId = ids[team.Key];
            var members = team.Select(p => ids[p.Cpf]).ToList();
            await db.People.Where(p => members.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.ManagerId, managerId), ct);
            foreach (var p in team)
            {
                byCpf[p.Cpf].ManagerId = managerId;
            }
        }

        // Changed people are few and need their "before" in the audit: the change tracker writes them and their entries.
        var changedIds = plan.ChangedPeople.Select(p => p.ExistingId!.Value).ToList();
        if (changedIds.Count > 0)
        {
            var tracked = await db.People.Where(p => changedIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            foreach (var p in plan.ChangedPeople)
            {
                var person = tracked[p.ExistingId!.Value];
                person.FullName = p.FullName;
                person.Email = p.Email;
                person.OrganizationId = p.OrganizationId;
                person.JobTitle = p.JobTitle ?? person.JobTitle;
                person.RegistrationNumber = p.Registration ?? person.RegistrationNumber;
                person.PreferredLanguage = p.Language ?? person.PreferredLanguage;
                if (p.ManagerCpf is not null)
                {
                    person.ManagerId = ids[p.ManagerCpf];
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return ids;
    }

    /// <summary>
    /// Seats and waitlist places in file order, under the offerings' locks: new enrolments in bulk, earlier (cancelled)
    /// ones of the same person reused through the change tracker. Returns every enrolment written, the new ones, and how
    /// many rows found their person enrolled by someone else since the plan.
    /// </summary>
    private static async Task<(List<Enrolment.Enrolment> All, List<Enrolment.Enrolment> New, int AlreadyEnrolled)> WriteEnrolmentsAsync(
        TrainingHubDbContext db, ImportPlan plan, Dictionary<string, int> ids, Dictionary<int, Offering> offerings, DateTime now, CancellationToken ct)
    {
        if (plan.Enrolments.Count == 0)
        {
            return ([], [], 0);
        }

        var offeringIds = offerings.Keys.ToList();
        var personIds = plan.Enrolments.Select(e => ids[e.Cpf]).Distinct().ToList();
        var organizationOf = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.OrganizationId, ct);
        var earlier = await db.Enrolments.Where(e => offeringIds.Contains(e.OfferingId) && personIds.Contains(e.PersonId)).ToDictionaryAsync(e => (e.OfferingId, e.PersonId), ct);
        var seatsLeft = offerings.Values.ToDictionary(o => o.Id, o => o.Seats is { } s ? s - o.ConfirmedCount : int.MaxValue);
        var nextPlace = (await db.Enrolments.Where(e => offeringIds.Contains(e.OfferingId) && e.WaitlistPosition != null)
            .GroupBy(e => e.OfferingId).Select(g => new { g.Key, Last = g.Max(e => e.WaitlistPosition) }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => (x.Last ?? 0) + 1);
        var quotaOfferings = offerings.Values.Where(o => o.EligibilityRules.Any(r => r.SeatQuota != null)).Select(o => o.Id).ToList();
        var used = quotaOfferings.Count == 0 ? [] : (await db.Enrolments
            .Where(e => quotaOfferings.Contains(e.OfferingId) && (EnrolmentStatuses.Seated.Contains(e.Status) || e.OfferExpiresAt != null))
            .GroupBy(e => new { e.OfferingId, e.Person!.OrganizationId }).Select(g => new { g.Key.OfferingId, g.Key.OrganizationId, Count = g.Count() })
            .ToListAsync(ct)).ToDictionary(x => (x.OfferingId, x.OrganizationId), x => x.Count);

        var all = new List<Enrolment.Enrolment>();
        var fresh = new List<Enrolment.Enrolment>();
        var alreadyEnrolled = 0;
        foreach (var row in plan.Enrolments)
        {
            var personId = ids[row.Cpf];
            var offering = offerings[row.OfferingId];
            if (earlier.TryGetValue((offering.Id, personId), out var enrolment))
            {
                if (EnrolmentStatuses.Enrolled.Contains(enrolment.Status))
                {
                    alreadyEnrolled++;
                    continue;
                }
            }
            else
            {
                enrolment = new Enrolment.Enrolment { OfferingId = offering.Id, PersonId = personId };
                fresh.Add(enrolment);
            }

            enrolment.Version++;
            enrolment.RequestedAt = now;
            enrolment.ConfirmedAt = enrolment.DecidedAt = enrolment.CompletedAt = enrolment.OfferExpiresAt = null;
            enrolment.DecidedByUserId = enrolment.DecisionReason = enrolment.OutcomeReason = null;
            var organization = (offering.Id, organizationOf[personId]);
            var quota = offering.EligibilityRules.FirstOrDefault(r => r.OrganizationId == organization.Item2)?.SeatQuota;
            if (seatsLeft[offering.Id] > 0 && (quota is null || used.GetValueOrDefault(organization) < quota))
            {
                seatsLeft[offering.Id]--;
                used[organization] = used.GetValueOrDefault(organization) + 1;
                enrolment.Status = EnrolmentStatus.Confirmed;
                enrolment.WaitlistPosition = null;
                enrolment.ConfirmedAt = now;
            }
            else
            {
                enrolment.Status = EnrolmentStatus.Waitlisted;
                enrolment.WaitlistPosition = nextPlace.GetValueOrDefault(offering.Id, 1);
                nextPlace[offering.Id] = enrolment.WaitlistPosition.Value + 1;
            }

            all.Add(enrolment);
        }

        await BulkInsert.InsertAsync(db, fresh, ct);
        var freshPeople = fresh.Select(e => e.PersonId).Distinct().ToList();
        var freshIds = freshPeople.Count == 0 ? [] : await db.Enrolments.Where(e => offeringIds.Contains(e.OfferingId) && freshPeople.Contains(e.PersonId))
            .ToDictionaryAsync(e => (e.OfferingId, e.PersonId), e => e.Id, ct);
        foreach (var e in fresh)
        {
            e.Id = freshIds[(e.OfferingId, e.PersonId)];
        }

        foreach (var taken in all.Where(e => e.Status == EnrolmentStatus.Confirmed).GroupBy(e => e.OfferingId))
        {
            var count = taken.Count();
            await db.Offerings.Where(o => o.Id == taken.Key).ExecuteUpdateAsync(s => s.SetProperty(o => o.ConfirmedCount, o => o.ConfirmedCount + count), ct);
        }

        await db.SaveChangesAsync(ct); // the reused enrolments, with their audit entries
        db.ChangeTracker.Clear();
        return (all, fresh, alreadyEnrolled);
    }

    /// <summary>The message each enrolment's person gets (confirmed or waitlisted), keyed as <see cref="EnrolmentMessages"/> keys them.</summary>
    private static async Task<List<OutboxMessage>> MessagesAsync(TrainingHubDbContext db, List<Enrolment.Enrolment> enrolments, Dictionary<int, Offering> offerings, DateTime now, CancellationToken ct)
    {
        var personIds = enrolments.Select(e => e.PersonId).Distinct().ToList();
        var people = personIds.Count == 0 ? [] : await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new Recipient(p.Id, p.FullName, p.Email, p.PreferredLanguage)).ToDictionaryAsync(p => p.Id, ct);
        return enrolments.Select(e =>
        {
            var (person, offering) = (people[e.PersonId], offerings[e.OfferingId]);
            var make = e.Status == EnrolmentStatus.Confirmed ? EnrolmentMessages.Confirmed : EnrolmentMessages.Waitlisted;
            var message = make(new EnrolmentFacts(person.FullName, offering.Title, offering.Code, offering.StartsOn, offering.EndsOn), e);
            return new OutboxMessage
            {
                IdempotencyKey = string.Create(CultureInfo.InvariantCulture, $"{EmailMessages.NameOf(message)}:{e.Id}:{e.Version}"),
                MessageType = EmailMessages.NameOf(message),
                RecipientPersonId = person.Id,
                ToAddress = person.Email,
                Language = person.PreferredLanguage,
                PayloadJson = EmailMessages.Serialize(message),
                Essential = message.Essential,
                Status = OutboxStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            };
        }).ToList();
    }

    /// <summary>A unique or check constraint refused a bulk row: PostgreSQL's class 23, SQLite's SQLITE_CONSTRAINT.</summary>
    private static bool IsConstraint(TrainingHubDbContext db, DbException e) =>
        e.SqlState?.StartsWith("23", StringComparison.Ordinal) == true
        || (db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true && e.ErrorCode == 19);
}
