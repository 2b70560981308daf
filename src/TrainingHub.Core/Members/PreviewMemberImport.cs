using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Members;

/// <summary>
/// Reads an uploaded list of CPFs (CSV or XLSX; a "cpf" column and optionally "orgao", or one CPF a line without a header)
/// and says what importing it into the programme would do, with every line's errors. Writes nothing.
/// </summary>
public static class PreviewMemberImport
{
    public static async Task<Result<MemberImportReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var prepared = await MemberImportPlan.PrepareAsync(db, scope, programmeId, content, ct);
        return prepared.Succeeded ? Result<MemberImportReport>.Ok(prepared.Value!.Report(committed: false)) : prepared.Error!;
    }
}
