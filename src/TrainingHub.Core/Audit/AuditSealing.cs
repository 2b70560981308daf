using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace TrainingHub.Core.Audit;

/// <summary>
/// The sealer's settings and the key it seals with. The key never lives in the database: <c>Audit:SealingKey</c>
/// (base64, at least 32 bytes) or the file <c>Audit:SealingKeyFile</c> (base64 text; by default
/// <c>data/audit-sealing.key</c> under the app's folder, generated there when absent, which the start-up log says).
/// Checkpoints go to <c>Audit:CheckpointFile</c> (by default <c>data/audit-checkpoints.log</c>), a file the operator
/// keeps apart from the database. One instance per process: it also remembers the last chain end it sealed.
/// </summary>
public sealed class AuditSealing
{
    public const int MinimumKeyBytes = 32;

    private readonly Lock gate = new();
    private (long Sequence, string Hash)? anchor;

    public AuditSealing(byte[] key, string checkpointFile)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The audit sealing key must have at least {MinimumKeyBytes} bytes.", nameof(key));
        }

        Key = key;
        CheckpointFile = checkpointFile;
    }

    public byte[] Key { get; }
    public string CheckpointFile { get; }

    /// <summary>Where the key came from, for the start-up log (never the key itself).</summary>
    public string KeySource { get; init; } = "configuration";

    /// <summary>True when this start-up generated the key file.</summary>
    public bool KeyGenerated { get; init; }

    /// <summary>How often the sealer looks for unsealed entries (<c>Audit:SealIntervalMilliseconds</c>, 500 by default).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Unsealed entries older than this are reported (screen and health); 5 s.</summary>
    public TimeSpan MaxLag { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a checkpoint is written while the chain grows (<c>Audit:CheckpointSeconds</c>, 60 by default).</summary>
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Entries sealed per transaction (short, so the sealer never holds SQLite's single writer for long).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>The last chain end this process sealed or checkpointed: the sealer refuses to extend a chain that no longer contains it.</summary>
    public (long Sequence, string Hash)? Anchor
    {
        get
        {
            lock (gate)
            {
                return anchor;
            }
        }
    }

    public void Remember(long sequence, string hash)
    {
        lock (gate)
        {
            if (anchor is null || sequence >= anchor.Value.Sequence)
            {
                anchor = (sequence, hash);
            }
        }
    }

    public static AuditSealing From(IConfiguration config, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(config);
        var data = Path.Combine(contentRoot, "data");
        var checkpoints = config["Audit:CheckpointFile"] is { Length: > 0 } c ? c : Path.Combine(data, "audit-checkpoints.log");
        var interval = TimeSpan.FromMilliseconds(Math.Max(50, config.GetValue("Audit:SealIntervalMilliseconds", 500)));
        var every = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Audit:CheckpointSeconds", 60)));
        if (config["Audit:SealingKey"] is { Length: > 0 } inline)
        {
            return new AuditSealing(Decode(inline, "Audit:SealingKey"), checkpoints) { Interval = interval, CheckpointEvery = every };
        }

        var file = config["Audit:SealingKeyFile"] is { Length: > 0 } f ? f : Path.Combine(data, "audit-sealing.key");
        var (key, generated) = ReadOrCreate(file);
        return new AuditSealing(key, checkpoints) { KeySource = Path.GetFullPath(file), KeyGenerated = generated, Interval = interval, CheckpointEvery = every };
    }

    private static (byte[] Key, bool Generated) ReadOrCreate(string file)
    {
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            var key = RandomNumberGenerator.GetBytes(MinimumKeyBytes);
            var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, Convert.ToBase64String(key) + Environment.NewLine);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                // Moved into place whole, so another instance starting at the same moment reads all of it or none.
                File.Move(temporary, file, overwrite: false);
                return (key, true);
            }
            catch (IOException) when (File.Exists(file))
            {
                File.Delete(temporary); // another instance created it first: use theirs
            }
        }

        return (Decode(File.ReadAllText(file).Trim(), file), false);
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            return key.Length >= MinimumKeyBytes
                ? key
                : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The audit sealing key in {source} has {key.Length} bytes; it needs at least {MinimumKeyBytes}."));
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The audit sealing key in {source} is not base64.");
        }
    }
}
