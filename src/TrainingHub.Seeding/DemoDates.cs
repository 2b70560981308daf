using TrainingHub.Core.Catalog;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Seeding;

/// <summary>
/// The dates of the series registered by date: who joins one meeting (presentation meetings) registered for that
/// date only; everyone else registered for the whole series, every date of it.
/// </summary>
internal static class DemoDates
{
    public static List<SessionRegistration> Resolve(DemoWorld world, IEnumerable<Enrolment> enrolments)
    {
        var plans = world.Offerings.ToDictionary(p => p.Offering);
        var rows = new List<SessionRegistration>();
        foreach (var e in enrolments.Where(e => e.Offering is WebinarSeries { RegistrationByDate: true } && EnrolmentStatuses.Seated.Contains(e.Status)))
        {
            var plan = plans[e.Offering!];
            List<Session> dates;
            if (plan.SingleSession is { } single && single.TryGetValue(e.Person!, out var only))
            {
                dates = [only];
                e.ChosenSessions = true;
            }
            else
            {
                dates = e.Offering!.Sessions.Where(s => s.Status != SessionStatus.Cancelled).ToList();
            }

            foreach (var session in dates)
            {
                session.RegisteredCount++;
                rows.Add(new SessionRegistration
                {
                    Session = session,
                    Enrolment = e,
                    Person = e.Person,
                    Status = SessionRegistrationStatus.Confirmed,
                    RegisteredAt = e.ConfirmedAt ?? e.RequestedAt,
                });
            }
        }

        return rows;
    }
}
