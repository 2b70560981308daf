using TrainingHub.Core.Catalog;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Enrolment;

public enum EnrolmentStatus
{
    Requested,
    AwaitingApproval,
    Confirmed,
    Waitlisted,
    Cancelled,
    Completed,
    Failed,
}

/// <summary>A person in an offering. One row per person and offering: re-enrolling reuses it.</summary>
public class Enrolment
{
    public int Id { get; set; }
    public int OfferingId { get; set; }
    public Offering? Offering { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public EnrolmentStatus Status { get; set; }

    /// <summary>Place in the waitlist (first come, first served); set only while waitlisted; unique per offering.</summary>
    public int? WaitlistPosition { get; set; }

    public DateTime RequestedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedByUserId { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>A freed seat offered to this waitlisted person until then.</summary>
    public DateTime? OfferExpiresAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    /// <summary>Why the enrolment completed or failed (for example "attendance 62 % &lt; 75 %").</summary>
    public string? OutcomeReason { get; set; }

    /// <summary>Optimistic concurrency token, bumped on every change.</summary>
    public int Version { get; set; }

    /// <summary>In a series registered by date: the person chose some dates (true) or the whole series (false).</summary>
    public bool ChosenSessions { get; set; }
}
