using Microsoft.Extensions.Localization;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Catalog.Messages;

/// <summary>A session the person was invited to moved; the updated calendar invitation comes with it.</summary>
public sealed record SessionRescheduled(string Person, string Offering, string OfferingCode, int SessionId, int Sequence,
    [property: Formerly("title")] string Session, DateTime StartsAt, DateTime EndsAt, DateTime PreviousStartsAt, DateTime PreviousEndsAt,
    string? Place, string? StreamUrl, DateTime Stamp) : ICalendarMessage
{
    public bool Essential => true;

    public CalendarInvite? Calendar(IStringLocalizer text) =>
        new(false, CalendarSession.Stamp(Stamp), [new CalendarSession(SessionId, Sequence, Session, StartsAt, EndsAt, Place, StreamUrl).Event(Offering, text)]);

    public string? AttendeeName() => Person;
}
