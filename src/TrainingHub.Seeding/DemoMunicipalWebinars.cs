using TrainingHub.Core.Catalog;
using TrainingHub.Core.Participation;
using TrainingHub.Core.People;

namespace TrainingHub.Seeding;

/// <summary>
/// Programme 2: a monthly webinar series for managers and agents of 79 municipalities, July to December, streamed
/// live; plus monitoring meetings open only to the 52 municipalities in phase 3.
/// </summary>
internal static class DemoMunicipalWebinars
{
    private const string Channel = "https://aovivo.example.mg.gov.br/escola-de-governo";

    public static void Build(DemoWorld world, DemoMinas minas)
    {
        var year = world.Year;
        var owner = minas.MunicipalAffairs;
        var programme = world.Programme("MUNICIPALISMO-ATIVO", $"Municipalismo Ativo — Fase 3 ({year})",
            "Programa de cooperação entre o Estado e os municípios. Na fase 3, capacitações estratégicas para gestores e agentes " +
            "municipais em formato de websérie mensal, transmitida ao vivo, com especialistas convidados e temas escolhidos em " +
            "escuta junto aos municípios; e encontros exclusivos de monitoramento dos planos de ação elaborados em conjunto com " +
            "os municípios que aderiram à fase 3.",
            owner, targetMinutes: null);

        // 79 municipalities: those of the shared-system onboarding first, the rest drawn from the state.
        var core = DemoPlaces.SeiLive.Concat(DemoPlaces.SeiImplementing).ToList();
        var others = DemoPlaces.MinasGerais.OrderBy(_ => world.Faker.Random.Int()).Take(79 - core.Count);
        var municipalities = core.Concat(others).ToList();
        var phase3 = municipalities.Take(52).ToList();

        var staff = Enumerable.Range(0, 3).Select(i => world.Staff(owner, i, DemoMinas.StateTeamTitles)).ToArray();

        var opens = DemoWorld.Utc(world.Day(7, 1), new TimeOnly(8, 0));
        var firstLive = world.NthWeekday(7, DayOfWeek.Friday, 4);
        var lastLive = world.NthWeekday(12, DayOfWeek.Friday, 2);
        var series = new WebinarSeries
        {
            Code = $"MA-WEBSERIE-{year}",
            Title = $"Websérie Municipalismo Ativo {year}",
            Description = "Encontros on-line mensais, de julho a dezembro, transmitidos ao vivo no canal da Escola de Governo. A programação de cada mês é " +
                          "divulgada no início do mês. Para gestores e profissionais das prefeituras participantes do programa.",
            ChannelUrl = Channel,
            Programme = programme,
            RegistrationByDate = true,
            SeriesKind = SeriesKind.Webinar,
            ParticipationRule = ParticipationRule.EachSession,
            StartsOn = firstLive,
            EndsOn = lastLive,
            Seats = null,
            EnrolmentOpensAt = opens,
            EnrolmentClosesAt = DemoWorld.Utc(lastLive, new TimeOnly(10, 0)),
            Place = "On-line — transmissão ao vivo",
        };
        string[] topics =
        [
            "Foco em indicadores: da meta ao resultado para a população",
            "Planejamento e orçamento municipal integrados: PPA, LDO e LOA",
            "Captação de recursos e parcerias com o Estado",
            "Governo digital e transformação dos serviços municipais",
            "Monitoramento de planos de ação e gestão de riscos",
            "Boas práticas municipais e balanço do ano",
        ];
        for (var m = 0; m < 6; m++)
        {
            var day = m == 5 ? lastLive : world.NthWeekday(7 + m, DayOfWeek.Friday, 4);
            world.Session(series, $"Websérie {m + 1}/6 — {topics[m]}", day, new TimeOnly(10, 0), 120, 120, null, $"{Channel}/live");
        }

        DemoWorld.AllowOrganizations(series, municipalities.Select(m => minas.CityHalls[m]));
        DemoWorld.Teach(series, staff[1], staff[2]);
        var plan = world.Plan(series);
        plan.RecordsAbsences = false;
        plan.Turnout = 0.75;
        var n = 0;
        foreach (var municipality in municipalities)
        {
            for (var i = 0; i < 3; i++)
            {
                var intent = ++n % 29 == 0 ? EnrolmentIntent.Cancel : EnrolmentIntent.Seat;
                plan.Add(minas.CityStaff(world, municipality, i), intent, world.RequestTime(opens, 0, 18));
            }
        }

        BuildMonitoring(world, minas, programme, phase3, staff);

        // The 79 city halls took part from phase 2 (the year before); the 52 that joined phase 3 moved to it in November.
        var before = world.Year - 1;
        for (var i = 0; i < municipalities.Count; i++)
        {
            var joined = (ParticipationStatus.Live, (int?)2, new DateOnly(before, 4, 1 + i % 20));
            world.Participation(programme, minas.CityHalls[municipalities[i]],
                i < phase3.Count ? [joined, (ParticipationStatus.Live, 3, new DateOnly(before, 11, 3 + i % 20))] : [joined]);
        }
    }

    private static void BuildMonitoring(DemoWorld world, DemoMinas minas, Programme programme, List<string> phase3, Person[] staff)
    {
        var opens = DemoWorld.Utc(world.Day(8, 1), new TimeOnly(8, 0));
        int[] months = [8, 9, 11, 12];
        var monitoring = new WebinarSeries
        {
            Code = $"MA-MONITORAMENTO-{world.Year}",
            Title = $"Encontros de Monitoramento dos Planos de Ação — Fase 3 ({world.Year})",
            Description = "Encontros exclusivos para os 52 municípios que aderiram à fase 3, focados no monitoramento dos planos de " +
                          "ação elaborados em conjunto com o Estado.",
            Programme = programme,
            StartsOn = world.NthWeekday(months[0], DayOfWeek.Wednesday, 3),
            EndsOn = world.NthWeekday(months[^1], DayOfWeek.Wednesday, 2),
            Seats = 120,
            EnrolmentOpensAt = opens,
            EnrolmentClosesAt = DemoWorld.Utc(world.NthWeekday(months[0], DayOfWeek.Wednesday, 3).AddDays(-2), new TimeOnly(23, 59)),
            Place = "On-line — sala de reunião virtual",
        };
        for (var m = 0; m < months.Length; m++)
        {
            var day = world.NthWeekday(months[m], DayOfWeek.Wednesday, m == months.Length - 1 ? 2 : 3);
            world.Session(monitoring, $"Monitoramento {m + 1}/{months.Length} — situação dos planos de ação municipais", day,
                new TimeOnly(14, 0), 120, 120, null, $"https://reuniao.example.mg.gov.br/municipalismo/monitoramento-{m + 1}");
        }

        DemoWorld.AllowOrganizations(monitoring, phase3.Select(m => minas.CityHalls[m]));
        DemoWorld.Teach(monitoring, staff[0], staff[1], minas.Instructor);
        var plan = world.Plan(monitoring);
        plan.Turnout = 0.85;
        foreach (var municipality in phase3)
        {
            plan.Add(minas.CityStaff(world, municipality, 0), EnrolmentIntent.Seat, world.RequestTime(opens, 0, 10));
            plan.Add(minas.CityStaff(world, municipality, 1), EnrolmentIntent.Seat, world.RequestTime(opens, 0, 10));
        }

        world.ScopedCityHall = minas.CityHalls[phase3.Contains("Sete Lagoas") ? "Sete Lagoas" : phase3[0]];
    }
}
