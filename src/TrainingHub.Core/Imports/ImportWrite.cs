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

    public static async Task<ImportReport> RunAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ImportPlan plan, Func<ImportReport, Task>? committing, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var report = plan.Report();
        var audit = AuditInterceptor.Of(db);
        var added = plan.NewPeople.Select(p => NewPerson(p, plan.ExistingIds, now)).ToList();
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
            return await CommitAsync(db, tx, open, Written(report, plan, ids, enrolments, alreadyEnrolled), committing, ct);
        }
        catch (Exception e) when (e is DbUpdateException || (e is DbException d && IsConstraint(db, d)))
        {
            // Someone registered or changed the same people while this ran (a unique CPF, say): nothing was written.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return report with { Errors = [new ImportRowError(0, "", "Import.Conflict", [])] };
        }
    }

    /// <summary>Rows apart in the ids a prepared import reserves above the largest in use, for the inserts of others meanwhile.</summary>
    private const int IdGap = 1000;
    private const int PreparedAttempts = 3;

    /// <summary>What seat decisions for an offering depend on: when any of it changes between preparing and writing, the preparation is redone.</summary>
    private sealed record OfferingMark(int Id, int ConfirmedCount, int? Seats, string Rules, int Enrolments, int MaxEnrolmentId, long Versions);

    /// <summary>
    /// SQLite, where the write transaction holds the database's only writer lock: everything is worked out before it is
    /// taken, against the state read then, with the new rows' ids reserved <see cref="IdGap"/> above the largest in use
    /// (people, enrolments, their messages and audit entries built and written into temporary tables of the connection,
    /// which take no lock on the database). The transaction re-reads the offerings, checks that nothing the seats depend
    /// on changed and that nobody used the reserved ids, and then only moves the staged rows into place with one
    /// <c>INSERT … SELECT</c> per table. When something changed it rolls back and prepares again (three times, then it
    /// writes as <see cref="RunAsync"/> does). Still one transaction: all or nothing; staged rows are seen by nobody and
    /// vanish with the connection if the process dies.
    /// </summary>
    public static async Task<ImportReport> RunPreparedAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ImportPlan plan, Func<ImportReport, Task>? committing, CancellationToken ct)
    {
        for (var attempt = 0; attempt < PreparedAttempts; attempt++)
        {
            if (await TryPreparedAsync(db, scope, time, plan, committing, ct) is { } report)
            {
                return report;
            }
        }

        return await RunAsync(db, scope, time, plan, committing, ct);
    }

    private static async Task<ImportReport?> TryPreparedAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ImportPlan plan, Func<ImportReport, Task>? committing, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = SaoPaulo.Today(time);
        var report = plan.Report();
        var audit = AuditInterceptor.Of(db);
        db.ChangeTracker.Clear();
        var offeringIds = plan.Enrolments.Select(e => e.OfferingId).Distinct().Order().ToList();
        var offerings = await OfferingsAsync(db, scope, offeringIds, ct);
        var closed = Closed(plan, offerings, now, today);
        if (closed.Count > 0)
        {
            return report with { Errors = closed };
        }

        var marks = await MarksAsync(db, offerings, ct);
        var personBase = (await db.People.MaxAsync(p => (int?)p.Id, ct) ?? 0) + IdGap;
        var enrolmentBase = (await db.Enrolments.MaxAsync(e => (int?)e.Id, ct) ?? 0) + IdGap;
        var ids = new Dictionary<string, int>(plan.ExistingIds, StringComparer.Ordinal);
        for (var i = 0; i < plan.NewPeople.Count; i++)
        {
            ids[plan.NewPeople[i].Cpf] = personBase + i;
        }

        var added = plan.NewPeople.Select(p => NewPerson(p, ids, now)).ToList();
        var organizations = new Dictionary<int, int>();
        foreach (var p in plan.NewPeople.Concat(plan.ChangedPeople))
        {
            organizations[ids[p.Cpf]] = p.OrganizationId;
        }

        foreach (var p in added)
        {
            p.Id = ids[p.Cpf];
        }

        var (all, fresh, alreadyEnrolled) = plan.Enrolments.Count == 0 ? ([], [], 0) : await DecideSeatsAsync(db, plan, ids, offerings, organizations, tracked: false, now, ct);
        for (var j = 0; j < fresh.Count; j++)
        {
            fresh[j].Id = enrolmentBase + j;
        }

        var reused = all.Except(fresh).ToDictionary(e => e.Id);
        var personIds = all.Select(e => e.PersonId).Distinct().ToList();
        var recipients = personIds.Count == 0 ? [] : await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new Recipient(p.Id, p.FullName, p.Email, p.PreferredLanguage)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var p in plan.ChangedPeople)
        {
            if (recipients.TryGetValue(p.ExistingId!.Value, out var r))
            {
                recipients[r.Id] = r with { FullName = p.FullName, Email = p.Email, PreferredLanguage = p.Language ?? r.PreferredLanguage };
            }
        }

        foreach (var p in added)
        {
            recipients[p.Id] = new Recipient(p.Id, p.FullName, p.Email, p.PreferredLanguage);
        }

        var entries = added.Select(p => audit.Added(db.Model.FindEntityType(typeof(Person))!, p))
            .Concat(fresh.Select(e => audit.Added(db.Model.FindEntityType(typeof(Enrolment.Enrolment))!, e))).ToList();

        // The rows wait in temporary tables of this connection (no lock on the database while they are written there),
        // then move into place in one short transaction: the connection stays open from the first to the last step.
        await db.Database.OpenConnectionAsync(ct);
        var staged = new List<BulkInsert.Staged>();
        try
        {
            staged.Add(await BulkInsert.StageSqliteAsync(db, added, withKey: true, ct));
            staged.Add(await BulkInsert.StageSqliteAsync(db, fresh, withKey: true, ct));
            staged.Add(await BulkInsert.StageSqliteAsync(db, Messages(all, recipients, offerings, now), withKey: false, ct));
            staged.Add(await BulkInsert.StageSqliteAsync(db, entries, withKey: false, ct));
            return await WriteStagedAsync(db, scope, plan, ids, offeringIds, marks, (personBase, enrolmentBase), staged, reused, all,
                Written(report, plan, ids, all, alreadyEnrolled), (now, today), committing, ct);
        }
        finally
        {
            foreach (var table in staged)
            {
                await BulkInsert.DropAsync(db, table, CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The one transaction of a prepared import, holding SQLite's writer lock: checks that what the seats were decided on
    /// is unchanged and the reserved ids unused (null when not: prepare again), then moves the staged rows into place.
    /// </summary>
    private static async Task<ImportReport?> WriteStagedAsync(TrainingHubDbContext db, ReaderScope scope, ImportPlan plan, Dictionary<string, int> ids, List<int> offeringIds,
        List<OfferingMark> marks, (int People, int Enrolments) reserved, List<BulkInsert.Staged> staged, Dictionary<int, Enrolment.Enrolment> reused,
        List<Enrolment.Enrolment> all, ImportReport written, (DateTime Now, DateOnly Today) when, Func<ImportReport, Task>? committing, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var held = Stopwatch.StartNew(); // BEGIN IMMEDIATE: the writer lock is held from here
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var current = await OfferingsAsync(db, scope, offeringIds, ct);
            var closedNow = Closed(plan, current, when.Now, when.Today);
            if (closedNow.Count > 0)
            {
                await tx.RollbackAsync(ct);
                return plan.Report() with { Errors = closedNow };
            }

            if (!(await MarksAsync(db, current, ct)).SequenceEqual(marks)
                || (await db.People.MaxAsync(p => (int?)p.Id, ct) ?? 0) >= reserved.People
                || (await db.Enrolments.MaxAsync(e => (int?)e.Id, ct) ?? 0) >= reserved.Enrolments)
            {
                await tx.RollbackAsync(ct);
                return null;
            }

            await BulkInsert.MoveAsync(db, staged[0], ct);
            await UpdateChangedPeopleAsync(db, plan, ids, ct);
            await BulkInsert.MoveAsync(db, staged[1], ct);
            if (reused.Count > 0)
            {
                var reusedIds = reused.Keys.ToList();
                foreach (var e in await db.Enrolments.Where(e => reusedIds.Contains(e.Id)).ToListAsync(ct))
                {
                    db.Entry(e).CurrentValues.SetValues(reused[e.Id]);
                }

                await db.SaveChangesAsync(ct); // with their audit entries
                db.ChangeTracker.Clear();
            }

            await CountSeatsAsync(db, all, ct);
            await BulkInsert.MoveAsync(db, staged[2], ct);
            await BulkInsert.MoveAsync(db, staged[3], ct);
            return await CommitAsync(db, tx, held, written, committing, ct);
        }
        catch (Exception e) when (e is DbUpdateException || (e is DbException d && IsConstraint(db, d)))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return plan.Report() with { Errors = [new ImportRowError(0, "", "Import.Conflict", [])] };
        }
    }

    /// <summary>The preview's report as written: committed, with the people the file names and the seats decided.</summary>
    private static ImportReport Written(ImportReport report, ImportPlan plan, Dictionary<string, int> ids, IReadOnlyCollection<Enrolment.Enrolment> enrolments, int alreadyEnrolled) =>
        report with
        {
            Committed = true,
            PersonIds = plan.PersonCpfs.Select(c => ids[c]).ToList(),
            Confirmed = enrolments.Count(e => e.Status == EnrolmentStatus.Confirmed),
            Waitlisted = enrolments.Count(e => e.Status == EnrolmentStatus.Waitlisted),
            EnrolmentsToCreate = report.EnrolmentsToCreate - alreadyEnrolled,
            AlreadyEnrolled = report.AlreadyEnrolled + alreadyEnrolled,
        };

    /// <summary>Lets the caller record the outcome inside the transaction (the run marked done), commits, and says how long the transaction was open.</summary>
    private static async Task<ImportReport> CommitAsync(TrainingHubDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, Stopwatch open,
        ImportReport written, Func<ImportReport, Task>? committing, CancellationToken ct)
    {
        if (committing is not null)
        {
            await committing(written);
        }

        await tx.CommitAsync(ct);
        var writeTime = open.Elapsed;
        db.ChangeTracker.Clear();
        return written with { WriteTime = writeTime };
    }

    /// <summary>The offerings the file enrols into, as the importer sees them (others are missing, hence "not found").</summary>
    private static Task<Dictionary<int, Offering>> OfferingsAsync(TrainingHubDbContext db, ReaderScope scope, List<int> offeringIds, CancellationToken ct) =>
        db.Offerings.InScope(scope).AsNoTracking().Include(o => o.EligibilityRules).Where(o => offeringIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);

    private static List<ImportRowError> Closed(ImportPlan plan, Dictionary<int, Offering> offerings, DateTime now, DateOnly today) => plan.Enrolments
        .Select(e => new ImportRowError(e.Line, plan.Table.ColumnName(ImportColumn.Offering),
            offerings.TryGetValue(e.OfferingId, out var o) ? EnrolInOffering.WhyClosed(o, now, today) ?? "" : "Offering.NotFound", []))
        .Where(e => e.Code.Length > 0).ToList();

    private static async Task<List<OfferingMark>> MarksAsync(TrainingHubDbContext db, Dictionary<int, Offering> offerings, CancellationToken ct)
    {
        var offeringIds = offerings.Keys.ToList();
        var enrolled = offeringIds.Count == 0 ? [] : await db.Enrolments.Where(e => offeringIds.Contains(e.OfferingId)).GroupBy(e => e.OfferingId)
            .Select(g => new { g.Key, Count = g.Count(), MaxId = g.Max(e => e.Id), Versions = g.Sum(e => (long)e.Version) }).ToListAsync(ct);
        return offerings.Values.OrderBy(o => o.Id).Select(o =>
        {
            var e = enrolled.FirstOrDefault(x => x.Key == o.Id);
            var rules = string.Join(",", o.EligibilityRules.OrderBy(r => r.Id).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.OrganizationKind}:{r.OrganizationId}:{r.SeatQuota}")));
            return new OfferingMark(o.Id, o.ConfirmedCount, o.Seats, rules, e?.Count ?? 0, e?.MaxId ?? 0, e?.Versions ?? 0);
        }).ToList();
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

        await UpdateChangedPeopleAsync(db, plan, ids, ct);
        return ids;
    }

    private static Person NewPerson(PersonUpsert p, Dictionary<string, int> ids, DateTime now) => new()
    {
        Cpf = p.Cpf,
        FullName = p.FullName,
        NameKey = NameKey.For(p.FullName),
        Email = p.Email,
        OrganizationId = p.OrganizationId,
        JobTitle = p.JobTitle,
        RegistrationNumber = p.Registration,
        PreferredLanguage = p.Language ?? Languages.Portuguese,
        ManagerId = p.ManagerCpf is { } m && ids.TryGetValue(m, out var managerId) ? managerId : null,
        CreatedAt = now,
    };

    /// <summary>Changed people are few and need their "before" in the audit: the change tracker writes them and their entries.</summary>
    private static async Task UpdateChangedPeopleAsync(TrainingHubDbContext db, ImportPlan plan, Dictionary<string, int> ids, CancellationToken ct)
    {
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
        var (all, fresh, alreadyEnrolled) = await DecideSeatsAsync(db, plan, ids, offerings, [], tracked: true, now, ct);
        await BulkInsert.InsertAsync(db, fresh, ct);
        var freshPeople = fresh.Select(e => e.PersonId).Distinct().ToList();
        var freshIds = freshPeople.Count == 0 ? [] : await db.Enrolments.Where(e => offeringIds.Contains(e.OfferingId) && freshPeople.Contains(e.PersonId))
            .ToDictionaryAsync(e => (e.OfferingId, e.PersonId), e => e.Id, ct);
        foreach (var e in fresh)
        {
            e.Id = freshIds[(e.OfferingId, e.PersonId)];
        }

        await CountSeatsAsync(db, all, ct);
        await db.SaveChangesAsync(ct); // the reused enrolments, with their audit entries
        db.ChangeTracker.Clear();
        return (all, fresh, alreadyEnrolled);
    }

    private static async Task CountSeatsAsync(TrainingHubDbContext db, List<Enrolment.Enrolment> all, CancellationToken ct)
    {
        foreach (var taken in all.Where(e => e.Status == EnrolmentStatus.Confirmed).GroupBy(e => e.OfferingId))
        {
            var count = taken.Count();
            await db.Offerings.Where(o => o.Id == taken.Key).ExecuteUpdateAsync(s => s.SetProperty(o => o.ConfirmedCount, o => o.ConfirmedCount + count), ct);
        }
    }

    /// <summary>
    /// Seats and waitlist places in file order against the offerings' state as read now: every enrolment to write, the
    /// new ones (without ids), and how many rows found their person enrolled since the plan. <paramref name="organizations"/>
    /// gives the organisation of people not (yet) stored as the import will store them; the others are read.
    /// </summary>
    private static async Task<(List<Enrolment.Enrolment> All, List<Enrolment.Enrolment> New, int AlreadyEnrolled)> DecideSeatsAsync(
        TrainingHubDbContext db, ImportPlan plan, Dictionary<string, int> ids, Dictionary<int, Offering> offerings, Dictionary<int, int> organizations,
        bool tracked, DateTime now, CancellationToken ct)
    {
        var offeringIds = offerings.Keys.ToList();
        var personIds = plan.Enrolments.Select(e => ids[e.Cpf]).Distinct().ToList();
        var toRead = personIds.Where(id => !organizations.ContainsKey(id)).ToList();
        var organizationOf = await db.People.AsNoTracking().Where(p => toRead.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.OrganizationId, ct);
        foreach (var (id, org) in organizations)
        {
            organizationOf[id] = org;
        }

        var earlierQuery = db.Enrolments.Where(e => offeringIds.Contains(e.OfferingId) && personIds.Contains(e.PersonId));
        var earlier = await (tracked ? earlierQuery : earlierQuery.AsNoTracking()).ToDictionaryAsync(e => (e.OfferingId, e.PersonId), ct);
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

        return (all, fresh, alreadyEnrolled);
    }

    /// <summary>The message each enrolment's person gets (confirmed or waitlisted), keyed as <see cref="EnrolmentMessages"/> keys them.</summary>
    private static async Task<List<OutboxMessage>> MessagesAsync(TrainingHubDbContext db, List<Enrolment.Enrolment> enrolments, Dictionary<int, Offering> offerings, DateTime now, CancellationToken ct)
    {
        var personIds = enrolments.Select(e => e.PersonId).Distinct().ToList();
        var people = personIds.Count == 0 ? [] : await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new Recipient(p.Id, p.FullName, p.Email, p.PreferredLanguage)).ToDictionaryAsync(p => p.Id, ct);
        return Messages(enrolments, people, offerings, now);
    }

    private static List<OutboxMessage> Messages(List<Enrolment.Enrolment> enrolments, Dictionary<int, Recipient> people, Dictionary<int, Offering> offerings, DateTime now)
    {
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
