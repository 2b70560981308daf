using TrainingHub.Core.Catalog;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Enrolment;

public enum SessionRegistrationStatus
{
    Confirmed,
    Waitlisted,
}

/// <summary>
/// A person's place in one session of a series registered by date (<see cref="WebinarSeries.RegistrationByDate"/>):
/// who is expected on that date, reminded of it and on its roster. One row per person and session; a dropped date
/// deletes its row. Where the session has seats, a row is confirmed while one is free and waitlisted otherwise.
/// </summary>
public class SessionRegistration
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public Session? Session { get; set; }
    public int EnrolmentId { get; set; }
    public Enrolment? Enrolment { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public SessionRegistrationStatus Status { get; set; }

    /// <summary>Place in the session's waitlist (first come, first served); set only while waitlisted.</summary>
    public int? WaitlistPosition { get; set; }

    public DateTime RegisteredAt { get; set; }
}
