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
    public static Task<Result<ImportReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        HandleAsync(db, scope, time, content, new ImportProgress(), ct);

    public static async Task<Result<ImportReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReadOnlyMemory<byte> content, ImportProgress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(progress);
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

        var plan = await ImportPlan.BuildAsync(db, scope, time, parsed.Value!, ct, progress.RowsChecked);
        if (plan.Errors.Count > 0)
        {
            return Result<ImportReport>.Ok(plan.Report());
        }

        if (progress.Writing is { } writing)
        {
            await writing();
        }

        // SQLite has a single writer: there the write is prepared before its lock is taken, so it holds it briefly.
        return Result<ImportReport>.Ok(db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true
            ? await ImportWrite.RunPreparedAsync(db, scope, time, plan, progress.Committing, ct)
            : await ImportWrite.RunAsync(db, scope, time, plan, progress.Committing, ct));
    }
}

/// <summary>What a background import is told as it goes (<see cref="RunImport"/>); every callback is optional.</summary>
public sealed class ImportProgress
{
    /// <summary>Every <see cref="ImportPlan.ProgressEvery"/> rows checked, outside any transaction.</summary>
    public Func<int, Task>? RowsChecked { get; init; }

    /// <summary>Every row checked and none refused: the writing starts next.</summary>
    public Func<Task>? Writing { get; init; }

    /// <summary>Inside the write transaction, just before it commits, with the final report: what it writes commits with the import or not at all.</summary>
    public Func<ImportReport, Task>? Committing { get; init; }
}
