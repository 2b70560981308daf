using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrainingHub.Core.Audit;

/// <summary>How an audit entry's hash is computed: SHA-256 over its content and the previous entry's hash.</summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string ComputeHash(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var canonical = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
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
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Instants are chained at microsecond precision, the finest every supported database keeps.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
