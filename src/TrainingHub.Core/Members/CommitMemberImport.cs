using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;

namespace TrainingHub.Core.Members;

/// <summary>
/// Adds a list of CPFs to a programme, all or nothing: re-reads and re-checks the whole file (nothing from the preview
/// is trusted); a bad line anywhere writes nothing and answers the report with its errors. Otherwise the new members
/// and one audit entry each are inserted in bulk in one short transaction. People already members are skipped, so
/// running the same file again adds nobody.
/// </summary>
public static class CommitMemberImport
{
    public static async Task<Result<MemberImportReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int programmeId, ReadOnlyMemory<byte> content,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var prepared = await MemberImportPlan.PrepareAsync(db, scope, programmeId, content, ct);
        if (!prepared.Succeeded)
        {
            return prepared.Error!;
        }

        var plan = prepared.Value!;
        if (plan.Errors.Count > 0)
        {
            return Result<MemberImportReport>.Ok(plan.Report(committed: false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rows = plan.ToAdd.Select(id => new ProgrammeMember { ProgrammeId = programmeId, PersonId = id, JoinedAt = now }).ToList();
        var audit = AuditInterceptor.Of(db);
        var type = db.Model.FindEntityType(typeof(ProgrammeMember))!;
        var entries = rows.Select(m => audit.Added(type, m)).ToList();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await BulkInsert.InsertAsync(db, rows, ct);
            await BulkInsert.InsertAsync(db, entries, ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // Someone added one of these people in the meantime (the key refused the insert): nothing was written.
            return Error.Conflict("File", "MemberImport.Concurrent");
        }

        return Result<MemberImportReport>.Ok(plan.Report(committed: true));
    }
}
