using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;

namespace TrainingHub.Seeding;

/// <summary>
/// Offerings that are always ahead of today, whatever the date the demo starts: three extra classes of the strategy
/// network with enrolment open now (one with a single seat left, one full with a waitlist, one where managers approve
/// each request, with requests waiting) and an open monthly webinar series registered by date. They give the trainee catalogue something
/// to enrol in and the approvals page something to decide.
/// </summary>
internal static class DemoUpcoming
{
    public static void Build(DemoWorld world)
    {
        var network = world.Programmes.Single(p => p.Code == "REDE-ESTRATEGIA");
        var members = network.Members.Select(m => m.Person!).Where(p => p != world.AccountPeople["trainee"]).ToList();
        var courses = world.Courses.Where(c => c.Programme == network).Take(3).ToList();
        // Per class: seats, seat holders, waiting for approval; the third class needs the manager's approval.
        (int Seats, int Seated, int Awaiting)[] shapes = [(12, 11, 0), (6, 9, 0), (20, 5, 3)];
        var today = DateOnly.FromDateTime(SaoPaulo.ToLocal(world.Now));
        var opens = world.Now.AddDays(-10);
        var place = "Cidade Administrativa Presidente Tancredo Neves — Prédio Minas, 12º andar, sala de capacitação";

        for (var k = 0; k < courses.Count; k++)
        {
            var course = courses[k];
            var first = NextWeekday(today.AddDays(70 + (14 * k)), DayOfWeek.Tuesday);
            var sessions = Math.Max(1, course.WorkloadMinutes / 240);
            var (seats, seated, awaiting) = shapes[k];
            var offering = new CourseClass
            {
                Code = $"{course.Code}-EXTRA-{first:yyyyMM}",
                Title = $"{course.Title} — Turma extra {first:MM/yyyy}",
                Course = course,
                Programme = network,
                StartsOn = first,
                EndsOn = first.AddDays(7 * (sessions - 1)),
                Seats = seats,
                EnrolmentOpensAt = opens,
                EnrolmentClosesAt = DemoWorld.Utc(first.AddDays(-5), new TimeOnly(23, 59)),
                Eligibility = Eligibility.ProgrammeMembers,
                ApprovalRequired = awaiting > 0,
                Place = place,
            };
            for (var s = 0; s < sessions; s++)
            {
                world.Session(offering, $"Encontro {s + 1}", first.AddDays(7 * s), new TimeOnly(14, 0), 240, 240, place, null);
            }

            // A class lies within its programme's period: late in the year the extra classes fall in the next one, so
            // the network's period runs on to hold them (as an administrator would extend it before adding them).
            if (network.EndsOn is { } ends && offering.EndsOn > ends)
            {
                network.EndsOn = offering.EndsOn;
            }

            DemoWorld.Teach(offering, world.AccountPeople["instructor"]);
            var plan = world.Plan(offering);
            // First come, first served: request times in order, seats to the earliest, then the waitlist; requests
            // awaiting approval come last.
            var times = Enumerable.Range(0, seated + awaiting).Select(_ => world.RequestTime(opens, 0, 7)).Order().ToList();
            foreach (var (person, i) in members.Skip(40 * k).Take(seated + awaiting).Select((p, i) => (p, i)))
            {
                var intent = i >= seated ? EnrolmentIntent.AwaitApproval : i < seats ? EnrolmentIntent.Seat : EnrolmentIntent.Waitlist;
                plan.Add(person, intent, times[i]);
            }
        }

        // An open monthly webinar: anyone may join, no seat limit.
        var start = NextWeekday(today.AddDays(20), DayOfWeek.Wednesday);
        var series = new WebinarSeries
        {
            Code = $"WEBINAR-GESTAO-{start:yyyyMM}",
            Title = "Webinário aberto: Gestão pública orientada a resultados",
            Description = "Série mensal aberta a servidores de todos os órgãos e municípios, transmitida ao vivo. Cada encontro credita as horas assistidas.",
            ChannelUrl = "https://video.example.mg.gov.br/gestao-resultados",
            StartsOn = start,
            EndsOn = start.AddMonths(2),
            EnrolmentOpensAt = opens,
            Eligibility = Eligibility.Everyone,
            Place = "On-line (ao vivo)",
            RegistrationByDate = true,
        };
        for (var m = 0; m < 3; m++)
        {
            var session = world.Session(series, $"Encontro {m + 1}: resultados na prática", start.AddMonths(m), new TimeOnly(10, 0), 90, 90, null,
                "https://video.example.mg.gov.br/gestao-resultados/ao-vivo");
            // The second date is a hands-on session with room for few.
            session.Seats = m == 1 ? 40 : null;
        }

        world.Plan(series);
    }

    private static DateOnly NextWeekday(DateOnly from, DayOfWeek day)
    {
        var d = from;
        while (d.DayOfWeek != day)
        {
            d = d.AddDays(1);
        }

        return d;
    }
}
