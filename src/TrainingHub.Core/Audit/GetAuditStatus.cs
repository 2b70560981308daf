using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Audit;

/// <summary>
/// The audit trail's health: entries still waiting to be sealed (and whether the oldest waits longer than the sealing
/// lag allows), the chain's end, the latest checkpoint outside the database, and the scheduled verification's last verdict.
/// </summary>
public sealed record AuditStatus(int Unsealed, DateTime? OldestUnsealedAt, bool Lagging, long LastSequence, AuditCheckpoint? LastCheckpoint,
    DateTime? VerifiedAt, ChainProblem? VerifiedProblem, long? VerifiedSequence)
{
    public bool VerificationFailed => VerifiedProblem is { } p && p != ChainProblem.None;
}

public static class GetAuditStatus
{
    public static async Task<AuditStatus> HandleAsync(TrainingHubDbContext db, AuditSealing sealing, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sealing);
        ArgumentNullException.ThrowIfNull(time);
        var unsealed = db.AuditEntries.Where(e => e.Sequence == null);
        var count = await unsealed.CountAsync(ct);
        DateTime? oldest = count == 0 ? null : DateTime.SpecifyKind(await unsealed.MinAsync(e => e.OccurredAt, ct), DateTimeKind.Utc);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var lagging = oldest is { } o && time.GetUtcNow().UtcDateTime - o > sealing.MaxLag;
        ChainProblem? verified = head.VerifiedAt is null ? null : Enum.TryParse<ChainProblem>(head.VerifiedProblem ?? nameof(ChainProblem.None), out var p) ? p : ChainProblem.Altered;
        return new(count, oldest, lagging, head.LastSequence, AuditCheckpoints.Latest(sealing),
            head.VerifiedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null, verified, head.VerifiedSequence);
    }
}
