using Microsoft.Extensions.Localization;

namespace TrainingHub.Core.Notifications;

/// <summary>What a message says of a session for its calendar event (stable UID, schedule version as SEQUENCE).</summary>
public sealed record CalendarSession(int SessionId, int Sequence, string Title, DateTime StartsAt, DateTime EndsAt, string? Place, string? StreamUrl)
{
    /// <summary>The same for every message about the session, so calendars update the one event they hold.</summary>
    public static string Uid(int sessionId) => "session-" + sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@traininghub";

    /// <summary>The event, titled with the session and its class, its description in the reader's language.</summary>
    public CalendarEvent Event(string offering, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var description = $"{Title} — {offering}." + (StreamUrl is null ? "" : "\n" + text["Mail.CalendarStream", StreamUrl]);
        return new CalendarEvent(Uid(SessionId), Sequence, $"{Title} — {offering}", description,
            DateTime.SpecifyKind(StartsAt, DateTimeKind.Utc), DateTime.SpecifyKind(EndsAt, DateTimeKind.Utc), Place ?? StreamUrl, StreamUrl);
    }

    /// <summary>The invitation's DTSTAMP: when the message was queued (old rows without one: the epoch).</summary>
    public static DateTime Stamp(DateTime stamp) => stamp == default ? DateTime.UnixEpoch : DateTime.SpecifyKind(stamp, DateTimeKind.Utc);
}
