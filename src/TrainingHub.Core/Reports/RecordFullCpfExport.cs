using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>
/// An export showing full CPFs is itself an audit entry (action "Export", entity "Report"): who, which report, its
/// filters, the format and how many rows. A plain insert like every other entry; the sealer chains it.
/// </summary>
public static class RecordFullCpfExport
{
    public static async Task HandleAsync(TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time, ReportRequest request, string format, int rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        var entry = new AuditEntry
        {
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
        };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        db.Entry(entry).State = EntityState.Detached;
    }
}
