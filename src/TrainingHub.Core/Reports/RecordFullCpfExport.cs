using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>
/// An export showing full CPFs is itself an audit entry (action "Export", entity "Report"): who, which report, its
/// filters, the format and how many rows. Appended to the same hash chain as every other entry, serialised through the
/// chain head like the interceptor does.
/// </summary>
public static class RecordFullCpfExport
{
    public static async Task HandleAsync(TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time, ReportRequest request, string format, int rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.AuditChainHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence), ct);
            var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
            var entry = new AuditEntry
            {
                Sequence = head.LastSequence + 1,
                OccurredAt = AuditChain.Truncate(time.GetUtcNow().UtcDateTime),
                ActorUserId = actor.UserId,
                ActorName = actor.Name,
                Action = "Export",
                EntityType = "Report",
                EntityId = request.Kind.ToString(),
                OrganizationId = scope.OrganizationId,
                AfterJson = JsonSerializer.Serialize(new
                {
                    report = request.Kind.ToString(),
                    format,
                    fullCpf = true,
                    rows,
                    from = request.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    to = request.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    programmeId = request.ProgrammeId,
                    organizationId = request.OrganizationId,
                    offeringId = request.OfferingId,
                }),
                PreviousHash = head.LastHash,
                Hash = "",
            };
            entry.Hash = AuditChain.ComputeHash(entry);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(ct);
            await db.AuditChainHeads.Where(h => h.Id == 1)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, entry.Sequence).SetProperty(h => h.LastHash, entry.Hash), ct);
            await tx.CommitAsync(ct);
            db.Entry(entry).State = EntityState.Detached;
        });
    }
}
