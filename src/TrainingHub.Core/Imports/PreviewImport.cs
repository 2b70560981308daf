using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Imports;

/// <summary>
/// Reads an uploaded file and says what importing it would do: people new, updated and unchanged, enrolments to
/// create and already there, and every row error by line and column. Writes nothing.
/// </summary>
public static class PreviewImport
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

        var plan = await ImportPlan.BuildAsync(db, scope, time, parsed.Value!, ct);
        return Result<ImportReport>.Ok(plan.Report());
    }
}
