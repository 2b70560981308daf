using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Imports;

/// <summary>
/// Writes an import, all or nothing: re-reads and re-checks the whole file first (nothing from the preview is trusted)
/// with every lookup done once and no transaction open, so a bad row anywhere writes nothing; then writes it in bulk in
/// one short transaction (<see cref="ImportWrite"/>). Running the same file again writes nothing new: existing people
/// are matched by CPF and existing enrolments skipped (the database's unique keys guard both).
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

        var plan = await ImportPlan.BuildAsync(db, scope, time, parsed.Value!, ct);
        if (plan.Errors.Count > 0)
        {
            return Result<ImportReport>.Ok(plan.Report());
        }

        return Result<ImportReport>.Ok(await ImportWrite.RunAsync(db, scope, time, plan, ct));
    }
}
