using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Catalog;

public enum OfferingStatus
{
    Draft,
    Published,
    Closed,
    Cancelled,
}

public enum Eligibility
{
    Everyone,
    OrganizationKinds,
    Organizations,
    ProgrammeMembers,
}

/// <summary>
/// Something people enrol in and attend sessions of: a class (turma) of a course or a webinar series.
/// Both share seats, eligibility, enrolment window and approval, so they share one table (discriminator "Kind").
/// </summary>
public abstract class Offering
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public int? ProgrammeId { get; set; }
    public Programme? Programme { get; set; }

    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    /// <summary>Seats; null means unlimited (typical of webinars).</summary>
    public int? Seats { get; set; }

    /// <summary>Confirmed enrolments, maintained atomically; the database checks it never exceeds <see cref="Seats"/>.</summary>
    public int ConfirmedCount { get; set; }

    public DateTime? EnrolmentOpensAt { get; set; }
    public DateTime? EnrolmentClosesAt { get; set; }
    public bool ApprovalRequired { get; set; }
    public Eligibility Eligibility { get; set; } = Eligibility.Everyone;
    public OfferingStatus Status { get; set; } = OfferingStatus.Draft;
    public string? Place { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<OfferingInstructor> Instructors { get; set; } = [];
    public List<EligibilityRule> EligibilityRules { get; set; } = [];
    public List<Session> Sessions { get; set; } = [];
}

/// <summary>A turma: one offering of a course with dates, seats and instructors.</summary>
public class CourseClass : Offering
{
    public int CourseId { get; set; }
    public Course? Course { get; set; }
}

/// <summary>A websérie: live-streamed sessions, often open to many organisations, hours credited per session.</summary>
public class WebinarSeries : Offering
{
    public string? Description { get; set; }
    public string? ChannelUrl { get; set; }

    /// <summary>
    /// People register for the whole series or for chosen dates; reminders, invitations and rosters then follow each
    /// person's dates (<see cref="Enrolment.SessionRegistration"/>) instead of the enrolment alone.
    /// </summary>
    public bool RegistrationByDate { get; set; }

    /// <summary>What the series is, so its participation certificates read naturally ("participou do webinar", "da reunião").</summary>
    public SeriesKind SeriesKind { get; set; }

    /// <summary>How attendance turns into participation certificates (<see cref="Certificates.IssueParticipationCertificates"/>).</summary>
    public ParticipationRule ParticipationRule { get; set; }

    /// <summary>With <see cref="ParticipationRule.MinimumSessions"/>: the sessions a person must have attended (N of the series' M).</summary>
    public int? ParticipationMinimum { get; set; }

    /// <summary>With <see cref="ParticipationRule.MinimumSessions"/>: the hours the certificate credits; null means the credited minutes of the sessions attended.</summary>
    public int? ParticipationMinutes { get; set; }
}

public enum SeriesKind
{
    Webinar,
    Meeting,
    Event,
}

/// <summary>Participation certificates of a series: none, one per attended session, or one for attending at least N of its sessions.</summary>
public enum ParticipationRule
{
    None,
    EachSession,
    MinimumSessions,
}

public class OfferingInstructor
{
    public int OfferingId { get; set; }
    public Offering? Offering { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
}

/// <summary>One allowance of an offering's eligibility: an organisation kind, or one organisation (optionally with a seat quota).</summary>
public class EligibilityRule
{
    public int Id { get; set; }
    public int OfferingId { get; set; }
    public Offering? Offering { get; set; }
    public OrganizationKind? OrganizationKind { get; set; }
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>Seats reserved for (and limited to) this organisation, where set.</summary>
    public int? SeatQuota { get; set; }
}
