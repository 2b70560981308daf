using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Audit;

/// <summary>
/// The chain's end at a moment (its sequence, its hash, where the keyed chain starts), written outside the database:
/// one JSON line appended to the checkpoint file and the same at information level in the log. Each line carries its
/// own HMAC, so a forged or edited line is told apart from the sealer's.
/// </summary>
public sealed record AuditCheckpoint(DateTime At, long Sequence, string Hash, long? KeyedFrom, string Mac)
{
    public static AuditCheckpoint Create(DateTime at, long sequence, string hash, long? keyedFrom, byte[] key)
    {
        var instant = AuditChain.Truncate(at);
        return new(instant, sequence, hash, keyedFrom, MacOf(instant, sequence, hash, keyedFrom, key));
    }

    public bool IsSealedWith(byte[] key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac), Encoding.ASCII.GetBytes(MacOf(At, Sequence, Hash, KeyedFrom, key)));

    public string ToLine() => JsonSerializer.Serialize(new Line(AuditChain.Instant(At), Sequence, Hash, KeyedFrom, Mac));

    /// <summary>The checkpoint on this line; null when the line is not one (the caller reports it).</summary>
    public static AuditCheckpoint? Parse(string line)
    {
        try
        {
            var l = JsonSerializer.Deserialize<Line>(line);
            return l is { At: not null, Hash: not null, Mac: not null }
                ? new(DateTime.Parse(l.At, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), l.Sequence, l.Hash, l.KeyedFrom, l.Mac)
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static string MacOf(DateTime at, long sequence, string hash, long? keyedFrom, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Join('\u001f', "checkpoint",
            AuditChain.Instant(at), sequence.ToString(CultureInfo.InvariantCulture), hash, keyedFrom?.ToString(CultureInfo.InvariantCulture) ?? ""))));

    private sealed record Line(string? At, long Sequence, string? Hash, long? KeyedFrom, string? Mac);
}

/// <summary>Writes and reads the checkpoint file.</summary>
public static class AuditCheckpoints
{
    /// <summary>How many of the latest checkpoints verification compares against.</summary>
    public const int Compared = 1000;

    /// <summary>
    /// Appends a checkpoint of the chain's end when it moved since the latest one in the file (and logs it); returns it,
    /// or null when there was nothing new.
    /// </summary>
    public static async Task<AuditCheckpoint?> WriteAsync(TrainingHubDbContext db, AuditSealing sealing, TimeProvider time, ILogger log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sealing);
        ArgumentNullException.ThrowIfNull(time);
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        if (head.KeyedFrom is null || Latest(sealing)?.Sequence >= head.LastSequence)
        {
            return null;
        }

        var checkpoint = AuditCheckpoint.Create(time.GetUtcNow().UtcDateTime, head.LastSequence, head.LastHash, head.KeyedFrom, sealing.Key);
        var line = checkpoint.ToLine();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(sealing.CheckpointFile))!);
        await File.AppendAllTextAsync(sealing.CheckpointFile, line + "\n", ct);
        sealing.Remember(checkpoint.Sequence, checkpoint.Hash);
        log.LogInformation("Audit checkpoint {Checkpoint}", line);
        return checkpoint;
    }

    /// <summary>The latest checkpoints in the file, oldest first; lines that do not parse come back as null.</summary>
    public static IReadOnlyList<(string Line, AuditCheckpoint? Checkpoint)> ReadLatest(AuditSealing sealing, int count = Compared)
    {
        ArgumentNullException.ThrowIfNull(sealing);
        if (!File.Exists(sealing.CheckpointFile))
        {
            return [];
        }

        var latest = new Queue<(string, AuditCheckpoint?)>();
        using var stream = new FileStream(sealing.CheckpointFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            latest.Enqueue((line, AuditCheckpoint.Parse(line)));
            if (latest.Count > count)
            {
                latest.Dequeue();
            }
        }

        return [.. latest];
    }

    /// <summary>The latest valid checkpoint, or null.</summary>
    public static AuditCheckpoint? Latest(AuditSealing sealing) =>
        ReadLatest(sealing).Select(l => l.Checkpoint).LastOrDefault(c => c is not null && c.IsSealedWith(sealing.Key));
}
