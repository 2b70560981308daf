using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Accounts;

/// <summary>Where an invitation was sent from (kept for the audit and the list).</summary>
public enum InvitationSource
{
    Person,
    Import,
    Organization,
    Api,
    Programme,

    /// <summary>A guest who checked in at an open event without an account.</summary>
    OpenEvent,
}

/// <summary>What an invitation's list shows: worked out from the row and its outbox message, never stored.</summary>
public enum InvitationStatus
{
    Sent,
    Accepted,
    Expired,
    Bounced,
}

/// <summary>
/// An invitation for a person without an account to choose a passphrase. One row per person: sending again replaces the
/// token (so the earlier link stops working) and the expiry. Only the token's SHA-256 is stored; the link carries the row's
/// id and the token, compared in constant time. Accepting sets <see cref="AcceptedAt"/>, so a link works once.
/// </summary>
public class Invitation
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public required string TokenHash { get; set; }
    public InvitationSource Source { get; set; }
    public DateTime SentAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>How many links were sent (1 for the first, more after resending).</summary>
    public int Sends { get; set; }

    /// <summary>The idempotency key of the last link's outbox message: a dead-lettered message means "bounced".</summary>
    public required string OutboxKey { get; set; }

    public string? InvitedByUserId { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public string? AcceptedUserId { get; set; }
}

/// <summary>Token format and hashing for invitation links (256 random bits, URL-safe; SHA-256 at rest).</summary>
public static class InvitationTokens
{
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether the token matches the stored hash, in time that does not depend on where they differ.</summary>
    public static bool Matches(string? token, string storedHash) =>
        !string.IsNullOrEmpty(token) && token.Length <= 100
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
}

/// <summary><c>Accounts:InvitationValidDays</c> (default 7): how long an invitation link works.</summary>
public sealed record InvitationSettings
{
    public int ValidDays { get; init; } = 7;

    public static InvitationSettings From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new InvitationSettings { ValidDays = Math.Clamp(config.GetValue("Accounts:InvitationValidDays", 7), 1, 90) };
    }
}
