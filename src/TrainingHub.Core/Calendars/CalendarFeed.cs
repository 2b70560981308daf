using TrainingHub.Core.Accounts;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Calendars;

/// <summary>
/// A person's iCalendar subscription address: <c>/calendar/feed/{Id}/{token}.ics</c>. One row per person; only the token's
/// SHA-256 is stored and it is compared in constant time (the same format and hashing as invitation links). Regenerating
/// replaces the hash, so the old address stops working; revoking deletes the row.
/// </summary>
public class CalendarFeed
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The path of the feed with this token (the token is known only when it is issued).</summary>
    public static string Path(int id, string token) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/calendar/feed/{id}/{token}.ics");

    public static string NewToken() => InvitationTokens.NewToken();

    public static string Hash(string token) => InvitationTokens.Hash(token);

    public static bool Matches(string? token, string storedHash) => InvitationTokens.Matches(token, storedHash);

    /// <summary>How far the feed reaches: 60 days back and a year ahead of now.</summary>
    public static (DateTime From, DateTime To) Window(DateTime nowUtc) => (nowUtc.AddDays(-60), nowUtc.AddDays(365));
}
