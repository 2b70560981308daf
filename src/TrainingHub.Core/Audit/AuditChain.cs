using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrainingHub.Core.Audit;

/// <summary>
/// How an audit entry's hash is computed over its content and the previous entry's hash: plain SHA-256 for the old
/// chain (entries sealed before the key existed), HMAC-SHA-256 with the sealing key for everything the sealer chains.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>The old chain's hash: anyone can recompute it, so it only proves consistency, not origin.</summary>
    public static string ComputeHash(AuditEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(e, keyed: false))));

    /// <summary>The sealed chain's hash: only a holder of the key can produce it.</summary>
    public static string ComputeMac(AuditEntry e, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Canonical(e, keyed: true))));

    /// <summary>Instants are chained at microsecond precision, the finest every supported database keeps.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    public static string Instant(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private static string Canonical(AuditEntry e, bool keyed)
    {
        ArgumentNullException.ThrowIfNull(e);
        var fields = new List<string>
        {
            e.Sequence?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.OccurredAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            e.ActorUserId ?? "",
            e.ActorName,
            e.Action,
            e.EntityType,
            e.EntityId,
            e.OrganizationId?.ToString(CultureInfo.InvariantCulture) ?? "",
            e.BeforeJson ?? "",
            e.AfterJson ?? "",
            e.Reason ?? "",
            e.PreviousHash ?? "",
        };
        if (keyed)
        {
            fields.Insert(0, "v2");
            fields.Add(e.SealedAt is { } sealedAt ? Instant(sealedAt) : "");
        }

        return string.Join('\u001f', fields);
    }
}
