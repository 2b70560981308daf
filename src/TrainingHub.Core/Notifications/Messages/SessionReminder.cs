using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;

namespace TrainingHub.Core.Notifications.Messages;

/// <summary>When a reminder goes: the day before or the hour before the session.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReminderKind>))]
public enum ReminderKind
{
    Day,
    Hour,
}

/// <summary>A session is tomorrow or in an hour; the calendar invitation comes with it. Optional: people may opt out.</summary>
public sealed record SessionReminder(ReminderKind Kind, string Person, string Offering, string OfferingCode, int SessionId, int Sequence,
    [property: Formerly("title")] string Session, DateTime StartsAt, DateTime EndsAt, string? Place, string? StreamUrl, DateTime Stamp) : ICalendarMessage
{
    public bool Essential => false;

    public CalendarInvite? Calendar(IStringLocalizer text) =>
        new(false, CalendarSession.Stamp(Stamp), [new CalendarSession(SessionId, Sequence, Session, StartsAt, EndsAt, Place, StreamUrl).Event(Offering, text)]);

    public string? AttendeeName() => Person;
}
