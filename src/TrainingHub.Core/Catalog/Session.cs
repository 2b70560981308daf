namespace TrainingHub.Core.Catalog;

public enum SessionStatus
{
    Scheduled,
    Closed,
    Cancelled,
}

/// <summary>One dated meeting (encontro, aula, live stream) with a credited duration.</summary>
public class Session
{
    public int Id { get; set; }
    public int OfferingId { get; set; }
    public Offering? Offering { get; set; }
    public required string Title { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }

    /// <summary>Credited duration in minutes: what full attendance is worth.</summary>
    public int CreditedMinutes { get; set; }

    public string? Place { get; set; }
    public string? StreamUrl { get; set; }
    public SessionStatus Status { get; set; } = SessionStatus.Scheduled;
    public DateTime? ClosedAt { get; set; }

    /// <summary>
    /// The schedule version: 0 when created, one more on each reschedule or cancellation. It is the SEQUENCE of the
    /// session's calendar invitations and part of the reminders' idempotency keys, so a moved session is reminded afresh.
    /// </summary>
    public int Sequence { get; set; }

    /// <summary>Seats of this date in a series registered by date; null means as many as register.</summary>
    public int? Seats { get; set; }

    /// <summary>Confirmed registrations for this date, maintained atomically; the database checks it never exceeds <see cref="Seats"/>.</summary>
    public int RegisteredCount { get; set; }

    /// <summary>An open event's session: people without an account may check in on the guest page (CPF, name, e-mail, organisation).</summary>
    public bool OpenEvent { get; set; }
}
