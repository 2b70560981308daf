namespace TrainingHub.Core.Notifications.Messages;

/// <summary>
/// A programme's hour target for the year, the hours credited towards it and those of the year's sessions still to
/// come in which the person holds a seat (<see cref="Attendance.TargetOutlook"/>; 0 in digests queued before it existed).
/// </summary>
public sealed record ProgrammeTarget(string Programme, int TargetMinutes, int CreditedMinutes, int Percent, int BookedMinutes = 0);

/// <summary>The monthly digest of a person's progress towards the year's hour targets. Optional.</summary>
public sealed record YearlyProgressDigest(string Person, int Year, int Month, DateOnly AsOf, int CreditedMinutes,
    IReadOnlyList<ProgrammeTarget> Targets, string? HoursUrl) : IEmailMessage
{
    public bool Essential => false;
}
