using Microsoft.Extensions.Localization;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Catalog.Messages;

/// <summary>
/// A class was cancelled, and with it the enrolment. The sessions the person was invited to (Invitations) are
/// cancelled in their calendar.
/// </summary>
public sealed record OfferingCancelled([property: Formerly("offeringTitle")] string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn,
    string? Place, DateTime Stamp, IReadOnlyList<CalendarSession>? Invitations) : ICalendarMessage
{
    public bool Essential => true;

    public CalendarInvite? Calendar(IStringLocalizer text) => Invitations is { Count: > 0 } invited
        ? new(true, CalendarSession.Stamp(Stamp), [.. invited.Select(s => s.Event(Offering, text))])
        : null;
}
