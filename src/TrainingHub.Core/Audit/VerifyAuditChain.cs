using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Audit;

public enum ChainProblem
{
    None,

    /// <summary>An entry's content no longer matches its hash, or its hash no longer matches the next entry's link.</summary>
    Altered,

    /// <summary>A sequence number is missing (a row was deleted), or entries the chain head counts are gone.</summary>
    Removed,

    /// <summary>An entry that does not belong: a repeated number, a link to the wrong predecessor, or beyond the chain head.</summary>
    Inserted,
}

/// <summary>The verdict: how many entries were checked and the first problem, with the sequence number it concerns.</summary>
public sealed record ChainVerification(long Checked, long LastSequence, ChainProblem Problem, long? Sequence)
{
    public bool Intact => Problem == ChainProblem.None;
}

/// <summary>
/// Walks the audit trail in sequence order, streaming, recomputing every hash and link, and compares the end with the
/// chain head. Reports the first entry altered, removed (a gap) or inserted.
/// </summary>
public static class VerifyAuditChain
{
    public static async Task<ChainVerification> HandleAsync(TrainingHubDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        long expected = 1, count = 0;
        var previous = AuditChain.Genesis;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ThenBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            e.OccurredAt = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc);
            if (e.Sequence > expected)
            {
                return new(count, head.LastSequence, ChainProblem.Removed, expected);
            }

            if (e.Sequence < expected || e.Sequence > head.LastSequence)
            {
                return new(count, head.LastSequence, ChainProblem.Inserted, e.Sequence);
            }

            var selfConsistent = AuditChain.ComputeHash(e) == e.Hash;
            if (e.PreviousHash != previous)
            {
                // A valid entry whose link does not match: the one before it was rewritten (hash and all), or this one was forged in.
                return selfConsistent && expected > 1
                    ? new(count, head.LastSequence, ChainProblem.Altered, expected - 1)
                    : new(count, head.LastSequence, selfConsistent ? ChainProblem.Inserted : ChainProblem.Altered, e.Sequence);
            }

            if (!selfConsistent)
            {
                return new(count, head.LastSequence, ChainProblem.Altered, e.Sequence);
            }

            previous = e.Hash;
            expected++;
        }

        if (expected - 1 < head.LastSequence)
        {
            return new(count, head.LastSequence, ChainProblem.Removed, expected);
        }

        if (previous != head.LastHash)
        {
            return new(count, head.LastSequence, ChainProblem.Altered, expected - 1);
        }

        return new(count, head.LastSequence, ChainProblem.None, null);
    }
}
