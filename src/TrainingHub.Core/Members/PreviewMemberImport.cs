using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;

namespace TrainingHub.Core.Members;

/// <summary>
/// Reads an uploaded list of CPFs (CSV or XLSX; a "cpf" column and optionally "orgao", or one CPF a line without a header)
/// and says what importing it into the programme would do, with every line's errors. Writes nothing.
/// </summary>
public static class PreviewMemberImport
{
    public static async Task<Result<MemberImportReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.IsAdministrator)
        {
            return Error.Forbidden("File", "Members.NotAllowed");
        }

        if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return Error.NotFound("", "Programme.NotFound");
        }

        var parsed = ParseImportFile.Handle(content, ImportShape.CpfList);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }

        var plan = await MemberImportPlan.BuildAsync(db, programmeId, parsed.Value!, ct);
        return Result<MemberImportReport>.Ok(plan.Report(committed: false));
    }
}
