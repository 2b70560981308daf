using TrainingHub.Core.Catalog;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Participation;

/// <summary>
/// How far an organisation has come in a programme. The usual path is invited → presented → implementing → live;
/// withdrawn ends it at any point. An organisation that implements the programme's work is "implementing" until it is "live".
/// </summary>
public enum ParticipationStatus
{
    Invited,
    Presented,
    Implementing,
    Live,
    Withdrawn,
}

/// <summary>
/// An organisation taking part in a programme: its stage (phase), status and since when, its focal points and, where
/// there is one, its agreement. Every change of status or stage adds a <see cref="ParticipationChange"/>, so the status
/// on any past day can be reported; the row itself is audited.
/// </summary>
public class ProgrammeParticipation
{
    public int Id { get; set; }
    public int ProgrammeId { get; set; }
    public Programme? Programme { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>The programme's stage or phase the organisation is in (1, 2, 3…), if the programme has stages.</summary>
    public int? Stage { get; set; }

    public ParticipationStatus Status { get; set; }

    /// <summary>The (local) day the current status and stage took effect.</summary>
    public DateOnly StatusSince { get; set; }

    public string? AgreementNumber { get; set; }
    public DateOnly? AgreementSignedOn { get; set; }
    public DateOnly? AgreementValidUntil { get; set; }

    /// <summary>Where the signed agreement can be read (an http or https link).</summary>
    public string? AgreementUrl { get; set; }

    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<ParticipationFocalPoint> FocalPoints { get; set; } = [];
    public List<ParticipationChange> History { get; set; } = [];
}

/// <summary>A person who speaks for the organisation in the programme.</summary>
public class ParticipationFocalPoint
{
    public int ParticipationId { get; set; }
    public ProgrammeParticipation? Participation { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
}

/// <summary>One step of a participation's history: the status and stage that took effect on a day, who recorded it and when.</summary>
public class ParticipationChange
{
    public int Id { get; set; }
    public int ParticipationId { get; set; }
    public ProgrammeParticipation? Participation { get; set; }
    public ParticipationStatus Status { get; set; }
    public int? Stage { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public DateTime RecordedAt { get; set; }

    /// <summary>The account that recorded it; null for data loaded by the system (the demo, imports).</summary>
    public string? RecordedBy { get; set; }
}
