using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Attendance.Messages;

/// <summary>A webinar's check-in (or presence confirmation) window opened. Optional: people may opt out.</summary>
public sealed record CheckInOpen(string Person, string Series, string OfferingCode, string Session, DateTime StartsAt, DateTime EndsAt,
    DateTime ClosesAt, CheckInKind Kind, string? CheckInUrl) : IEmailMessage
{
    public bool Essential => false;
}
