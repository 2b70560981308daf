using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Audit;

public enum ChainProblem
{
    None,

    /// <summary>An entry's content no longer matches its hash (or keyed hash), or its hash no longer matches the next entry's link.</summary>
    Altered,

    /// <summary>A sequence number is missing (a row was deleted), or entries the chain head counts are gone.</summary>
    Removed,

    /// <summary>An entry that does not belong: a repeated number, a link to the wrong predecessor, or beyond the chain head.</summary>
    Inserted,

    /// <summary>The chain ends before a checkpoint kept outside the database: its tail was cut off (and the head moved back to match).</summary>
    Truncated,

    /// <summary>A line of the checkpoint file is not a checkpoint the sealer wrote (edited or forged).</summary>
    Checkpoint,
}

/// <summary>The verdict: how many entries were checked and the first problem, with the sequence number it concerns.</summary>
public sealed record ChainVerification(long Checked, long LastSequence, ChainProblem Problem, long? Sequence)
{
    public bool Intact => Problem == ChainProblem.None;
}

/// <summary>
/// Walks the sealed audit trail in sequence order, streaming (<see cref="AuditChainVerifier"/>): the old chain by its
/// SHA-256 hashes, the keyed chain by its HMACs, both against the chain head and the latest checkpoints in the file
/// kept outside the database. Reports the first entry altered, removed, inserted, or the tail cut off.
/// </summary>
public static class VerifyAuditChain
{
    public static async Task<ChainVerification> HandleAsync(TrainingHubDbContext db, AuditSealing sealing, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sealing);
        // Checkpoints before the head: the sealer writes one only after its seal committed, so none is ahead of the head read next.
        var checkpoints = AuditCheckpoints.ReadLatest(sealing).Select(l => l.Checkpoint).ToList();
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var verifier = new AuditChainVerifier(head, checkpoints, sealing.Key);
        var end = head.LastSequence;
        await foreach (var e in db.AuditEntries.AsNoTracking().Where(e => e.Sequence != null && e.Sequence <= end).OrderBy(e => e.Sequence).ThenBy(e => e.Id)
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (verifier.Check(e) is { } problem)
            {
                return problem;
            }
        }

        var verdict = verifier.Finish();
        if (!verdict.Intact)
        {
            return verdict;
        }

        // Entries beyond the head: read with the head in one statement, as the sealer moves both in one transaction.
        var now = await db.AuditChainHeads.Where(h => h.Id == 1)
            .Select(h => new { h.LastSequence, Highest = db.AuditEntries.Max(e => e.Sequence) })
            .SingleAsync(ct);
        return now.Highest > now.LastSequence ? verdict with { Problem = ChainProblem.Inserted, Sequence = now.LastSequence + 1 } : verdict;
    }
}

/// <summary>
/// The verification itself, entry by entry in sequence order (so it needs no database): numbering without gaps, each
/// entry's hash (SHA-256 before <see cref="AuditChainHead.KeyedFrom"/>, HMAC with the key from there on), each link to
/// the previous hash, the chain head, and every checkpoint given (null items: lines that are not checkpoints).
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly AuditChainHead head;
    private readonly byte[] key;
    private readonly Dictionary<long, string> checkpointHashes = [];
    private readonly long lastCheckpoint;
    private readonly ChainVerification? checkpointProblem;
    private long expected = 1;
    private long count;
    private string previous = AuditChain.Genesis;

    public AuditChainVerifier(AuditChainHead head, IReadOnlyList<AuditCheckpoint?> checkpoints, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(checkpoints);
        this.head = head;
        this.key = key;
        foreach (var c in checkpoints)
        {
            if (c is null || !c.IsSealedWith(key))
            {
                checkpointProblem ??= new(0, head.LastSequence, ChainProblem.Checkpoint, c?.Sequence);
                continue;
            }

            if (c.KeyedFrom != head.KeyedFrom)
            {
                // The boundary between the old chain and the keyed one moved: keyed entries were passed off as old ones (or back).
                checkpointProblem ??= new(0, head.LastSequence, ChainProblem.Altered, Math.Min(c.KeyedFrom ?? long.MaxValue, head.KeyedFrom ?? long.MaxValue));
            }

            checkpointHashes[c.Sequence] = c.Hash;
            lastCheckpoint = Math.Max(lastCheckpoint, c.Sequence);
        }
    }

    /// <summary>The problem this entry shows, or null to go on.</summary>
    public ChainVerification? Check(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (checkpointProblem is not null)
        {
            return checkpointProblem;
        }

        count++;
        e.OccurredAt = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc);
        if (e.SealedAt is { } sealedAt)
        {
            e.SealedAt = DateTime.SpecifyKind(sealedAt, DateTimeKind.Utc);
        }

        var sequence = e.Sequence ?? 0;
        if (sequence > expected)
        {
            return Verdict(ChainProblem.Removed, expected);
        }

        if (sequence < expected || sequence > head.LastSequence)
        {
            return Verdict(ChainProblem.Inserted, sequence);
        }

        var keyed = head.KeyedFrom is { } from && sequence >= from;
        var selfConsistent = e.Hash is not null && e.Hash == (keyed ? AuditChain.ComputeMac(e, key) : AuditChain.ComputeHash(e));
        if (e.PreviousHash != previous)
        {
            // A valid entry whose link does not match: the one before it was rewritten (hash and all), or this one was forged in.
            return selfConsistent && expected > 1
                ? Verdict(ChainProblem.Altered, expected - 1)
                : Verdict(selfConsistent ? ChainProblem.Inserted : ChainProblem.Altered, sequence);
        }

        if (!selfConsistent)
        {
            return Verdict(ChainProblem.Altered, sequence);
        }

        if (checkpointHashes.TryGetValue(sequence, out var kept) && kept != e.Hash)
        {
            // Consistent, yet not what the checkpoint recorded: the old chain was rewritten up to here.
            return Verdict(ChainProblem.Altered, sequence);
        }

        previous = e.Hash!;
        expected++;
        return null;
    }

    /// <summary>The verdict once every entry was checked.</summary>
    public ChainVerification Finish()
    {
        if (checkpointProblem is not null)
        {
            return checkpointProblem;
        }

        if (expected - 1 < lastCheckpoint)
        {
            return Verdict(ChainProblem.Truncated, expected);
        }

        if (expected - 1 < head.LastSequence)
        {
            return Verdict(ChainProblem.Removed, expected);
        }

        if (previous != head.LastHash)
        {
            return Verdict(ChainProblem.Altered, expected - 1);
        }

        return Verdict(ChainProblem.None, null);
    }

    private ChainVerification Verdict(ChainProblem problem, long? sequence) => new(count, head.LastSequence, problem, sequence);
}
