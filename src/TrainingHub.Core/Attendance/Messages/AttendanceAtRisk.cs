namespace TrainingHub.Core.Attendance.Messages;

/// <summary>To the person whose attendance puts the completion of a class at risk.</summary>
public sealed record AttendanceAtRisk(string Person, string Offering, string OfferingCode, AtRiskCondition Condition,
    int PossibleMinutes, int NeededMinutes, int MinPercent, IReadOnlyList<MissedSession> Missed) : IAtRiskMessage
{
    public bool Essential => true;
}
