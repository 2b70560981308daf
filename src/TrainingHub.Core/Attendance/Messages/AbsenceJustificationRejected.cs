namespace TrainingHub.Core.Attendance.Messages;

/// <summary>The absence justification was not accepted. The reason is the reviewer's note.</summary>
public sealed record AbsenceJustificationRejected(string Person, string Offering, string OfferingCode, string Session, DateTime SessionStartsAt, string? Reason) : IJustificationMessage
{
    public bool Essential => true;
}
