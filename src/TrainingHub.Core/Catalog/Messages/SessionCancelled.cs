using Microsoft.Extensions.Localization;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Catalog.Messages;

/// <summary>
/// A session was cancelled; the enrolment stands. People who were invited to it (Invitations) get the calendar
/// cancellation with it.
/// </summary>
public sealed record SessionCancelled(int SessionId, [property: Formerly("sessionTitle")] string Session, [property: Formerly("offeringTitle")] string Offering,
    string OfferingCode, DateTime StartsAt, DateTime EndsAt, string? Place, string? StreamUrl, DateTime Stamp, IReadOnlyList<CalendarSession>? Invitations) : ICalendarMessage
{
    public bool Essential => true;

    public CalendarInvite? Calendar(IStringLocalizer text) => Invitations is { Count: > 0 } invited
        ? new(true, CalendarSession.Stamp(Stamp), [.. invited.Select(s => s.Event(Offering, text))])
        : null;
}
