using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Imports;

/// <summary>
/// Writes an import, all or nothing, in one transaction: re-reads and re-checks the file (nothing from the preview
/// is trusted), upserts people by CPF (unchanged people are not touched), then enrols row by row in file order
/// through <see cref="EnrolInOffering"/> (its seat, quota and waitlist rules). Any row failing at this point rolls
/// everything back and is reported with its line.
/// </summary>
public static class CommitImport
{
    public static async Task<Result<ImportReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var parsed = ParseImportFile.Handle(content);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }

        if (!scope.IsAdministrator)
        {
            return Error.Forbidden("File", "Import.NotAllowed");
        }

        var table = parsed.Value!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // All or nothing: a failed save ends the whole transaction, so per-save savepoints would only cost round trips.
        db.Database.AutoSavepointsEnabled = false;
        var plan = await ImportPlan.BuildAsync(db, scope, time, table, ct);
        if (plan.Errors.Count > 0)
        {
            return Result<ImportReport>.Ok(plan.Report());
        }

        try
        {
            var ids = await UpsertPeopleAsync(db, time, plan, ct);
            var tally = new EnrolmentTally();
            var failures = new List<ImportRowError>();
            foreach (var row in plan.Enrolments)
            {
                var result = await EnrolInOffering.HandleAsync(db, scope, time, new EnrolRequest(row.OfferingId, ids[row.Cpf]), ct);
                db.ChangeTracker.Clear();
                if (!result.Succeeded)
                {
                    failures.AddRange(result.Errors.Select(e => new ImportRowError(row.Line, table.ColumnName(ImportColumn.Offering), e.Code, e.Args)));
                    continue;
                }

                tally.Add(result.Value!);
            }

            var report = plan.Report();
            if (failures.Count > 0)
            {
                await tx.RollbackAsync(ct);
                return Result<ImportReport>.Ok(report with { Errors = failures });
            }

            await tx.CommitAsync(ct);
            return Result<ImportReport>.Ok(report with
            {
                Committed = true,
                Confirmed = tally.Confirmed,
                Waitlisted = tally.Waitlisted,
                AwaitingApproval = tally.AwaitingApproval,
                EnrolmentsToCreate = report.EnrolmentsToCreate - tally.AlreadyEnrolled,
                AlreadyEnrolled = report.AlreadyEnrolled + tally.AlreadyEnrolled,
            });
        }
        catch (DbUpdateException)
        {
            // Someone registered or changed the same people while this ran (a unique CPF, say): nothing was written.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Result<ImportReport>.Ok(plan.Report() with { Errors = [new ImportRowError(0, "", "Import.Conflict", [])] });
        }
    }

    /// <summary>Adds the new people and updates the changed ones in one save; returns CPF → id of everyone the enrolments need.</summary>
    private static async Task<Dictionary<string, int>> UpsertPeopleAsync(TrainingHubDbContext db, TimeProvider time, ImportPlan plan, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var added = plan.NewPeople.ToDictionary(p => p.Cpf, p => new Person
        {
            Cpf = p.Cpf,
            FullName = p.FullName,
            Email = p.Email,
            OrganizationId = p.OrganizationId,
            JobTitle = p.JobTitle,
            RegistrationNumber = p.Registration,
            PreferredLanguage = p.Language ?? Languages.Portuguese,
            CreatedAt = now,
        }, StringComparer.Ordinal);
        db.People.AddRange(added.Values);
        var changedIds = plan.ChangedPeople.Select(p => p.ExistingId!.Value).ToList();
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
        }

        // Managers: someone already registered, or someone this same file registers (EF orders the inserts).
        foreach (var p in plan.NewPeople.Concat(plan.ChangedPeople).Where(p => p.ManagerCpf is not null))
        {
            var person = p.ExistingId is { } id ? tracked[id] : added[p.Cpf];
            if (plan.ExistingIds.TryGetValue(p.ManagerCpf!, out var managerId))
            {
                person.ManagerId = managerId;
            }
            else
            {
                person.Manager = added[p.ManagerCpf!];
            }
        }

        await db.SaveChangesAsync(ct);
        var ids = new Dictionary<string, int>(plan.ExistingIds, StringComparer.Ordinal);
        foreach (var (cpf, person) in added)
        {
            ids[cpf] = person.Id;
        }

        db.ChangeTracker.Clear();
        return ids;
    }
}
