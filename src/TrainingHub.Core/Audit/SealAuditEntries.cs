using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Audit;

/// <summary>What one sealing pass did: entries sealed, the chain's end, and whether it refused to extend a chain that lost its anchor.</summary>
public sealed record SealOutcome(int Sealed, long LastSequence, bool Refused);

/// <summary>
/// Seals committed, unsealed audit entries: numbers them after the chain's end in the order it reads them (by id)
/// and links each with an HMAC keyed by the sealing key, in one short transaction. Safe on every instance at once:
/// the transaction first takes the chain head's row lock, which only sealers (never business transactions) take,
/// so one seals at a time and the next continues from its end. It refuses to extend a chain that no longer contains
/// the latest end this process sealed or checkpointed (a truncated or rewritten chain would otherwise be sealed anew).
/// </summary>
public static class SealAuditEntries
{
    public static async Task<SealOutcome> HandleAsync(TrainingHubDbContext db, AuditSealing sealing, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sealing);
        ArgumentNullException.ThrowIfNull(time);

        // A read first, so an idle sealer never opens a write transaction (SQLite has a single writer).
        if (!await db.AuditEntries.AnyAsync(e => e.Sequence == null, ct))
        {
            return new(0, 0, false);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.AuditChainHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence), ct);
        var head = await db.AuditChainHeads.SingleAsync(h => h.Id == 1, ct);
        if (sealing.Anchor is { } anchor && !await ContainsAsync(db, head, anchor, ct))
        {
            return new(0, head.LastSequence, true);
        }

        var batch = await db.AuditEntries.Where(e => e.Sequence == null).OrderBy(e => e.Id).Take(sealing.BatchSize).ToListAsync(ct);
        if (batch.Count == 0)
        {
            return new(0, head.LastSequence, false);
        }

        var now = AuditChain.Truncate(time.GetUtcNow().UtcDateTime);
        head.KeyedFrom ??= head.LastSequence + 1;
        var sequence = head.LastSequence;
        var previous = head.LastHash;
        foreach (var e in batch)
        {
            e.OccurredAt = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc);
            e.Sequence = ++sequence;
            e.PreviousHash = previous;
            e.SealedAt = now;
            e.Hash = AuditChain.ComputeMac(e, sealing.Key);
            previous = e.Hash;
        }

        head.LastSequence = sequence;
        head.LastHash = previous;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        sealing.Remember(sequence, previous);
        return new(batch.Count, sequence, false);
    }

    private static async Task<bool> ContainsAsync(TrainingHubDbContext db, AuditChainHead head, (long Sequence, string Hash) anchor, CancellationToken ct)
    {
        if (head.LastSequence < anchor.Sequence)
        {
            return false;
        }

        var hash = await db.AuditEntries.Where(e => e.Sequence == anchor.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(ct);
        return hash == anchor.Hash;
    }
}
