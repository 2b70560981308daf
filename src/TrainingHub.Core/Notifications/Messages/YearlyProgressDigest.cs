namespace TrainingHub.Core.Notifications.Messages;

/// <summary>A programme's hour target for the year and the hours credited towards it.</summary>
public sealed record ProgrammeTarget(string Programme, int TargetMinutes, int CreditedMinutes, int Percent);

/// <summary>The monthly digest of a person's progress towards the year's hour targets. Optional.</summary>
public sealed record YearlyProgressDigest(string Person, int Year, int Month, DateOnly AsOf, int CreditedMinutes,
    IReadOnlyList<ProgrammeTarget> Targets, string? HoursUrl) : IEmailMessage
{
    public bool Essential => false;
}
