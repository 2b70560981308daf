using TrainingHub.Core.Catalog;
using TrainingHub.Core.People;

namespace TrainingHub.Seeding;

/// <summary>What the seeder intends for one enrolment; turned into a real status once today's date is known.</summary>
internal enum EnrolmentIntent
{
    /// <summary>Holds a seat (confirmed; completed or failed once the class is over).</summary>
    Seat,

    /// <summary>Had a seat and gave it up before the start.</summary>
    Cancel,

    /// <summary>Asked after the seats ran out.</summary>
    Waitlist,

    /// <summary>Waits for the manager's approval (cancelled if the class starts first).</summary>
    AwaitApproval,
}

internal sealed record PlannedEnrolment(Person Person, EnrolmentIntent Intent, DateTime RequestedAt);

/// <summary>An offering with the enrolments the seeder plans for it.</summary>
internal sealed class OfferingPlan(Offering offering, int salt)
{
    public Offering Offering { get; } = offering;
    public int Salt { get; } = salt;
    public List<PlannedEnrolment> Enrolments { get; } = [];

    /// <summary>
    /// Whether absences get a row. Live webinars with check-in only know who came (false); rosters record
    /// everyone (true).
    /// </summary>
    public bool RecordsAbsences { get; set; } = true;

    /// <summary>Share of sessions people turn up to at all (meetings and live streams are not compulsory); 1 for classes.</summary>
    public double Turnout { get; set; } = 1.0;

    /// <summary>The only session a person is expected at, for open series where each person joins one meeting.</summary>
    public Dictionary<Person, Session>? SingleSession { get; set; }

    public void Add(Person person, EnrolmentIntent intent, DateTime requestedAt) =>
        Enrolments.Add(new PlannedEnrolment(person, intent, requestedAt));
}
