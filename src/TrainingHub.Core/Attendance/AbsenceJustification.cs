using TrainingHub.Core.Catalog;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Attendance;

public enum JustificationStatus
{
    Pending,
    Accepted,
    Rejected,
}

/// <summary>
/// A trainee's document for an absence. Accepted makes the attendance row Excused (documented, credits no hours).
/// At most one pending justification per attendance row. The document's bytes live in <see cref="AbsenceDocument"/>,
/// so audit entries never carry them.
/// </summary>
public class AbsenceJustification
{
    public int Id { get; set; }
    public long AttendanceRecordId { get; set; }
    public AttendanceRecord? AttendanceRecord { get; set; }
    public int SessionId { get; set; }
    public Session? Session { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public string Note { get; set; } = "";
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int SizeBytes { get; set; }
    public JustificationStatus Status { get; set; } = JustificationStatus.Pending;
    public DateTime SubmittedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    public string? DecisionReason { get; set; }
}

/// <summary>The uploaded file of a justification (one row per justification, same key).</summary>
public class AbsenceDocument
{
    public int JustificationId { get; set; }
    public AbsenceJustification? Justification { get; set; }
    public required byte[] Content { get; set; }
}

public enum AtRiskCondition
{
    /// <summary>Even attending every remaining session, the course minimum can no longer be reached.</summary>
    CannotReachMinimum,

    /// <summary>Two sessions in a row missed (absent, or no record in a closed session).</summary>
    ConsecutiveAbsences,
}

/// <summary>
/// An enrolment flagged at risk, one row per enrolment and condition. While the condition holds, <see cref="ResolvedAt"/>
/// is null; when it stops holding the row is resolved (kept for history) and becomes active again if it returns.
/// </summary>
public class AtRiskFlag
{
    public int Id { get; set; }
    public int EnrolmentId { get; set; }
    public Enrolment.Enrolment? Enrolment { get; set; }
    public int OfferingId { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public AtRiskCondition Condition { get; set; }

    /// <summary>Neutral detail the screens translate: "possible=540;needed=600" or "sessions=12,13".</summary>
    public string Detail { get; set; } = "";
    public DateTime RaisedAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
