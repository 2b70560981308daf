using TrainingHub.Core.Catalog;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.Participation;
using TrainingHub.Core.People;

namespace TrainingHub.Seeding;

/// <summary>
/// Programme 4: onboarding municipalities to the state's electronic-process system. Presentation meetings attended
/// by ~204 city halls, technical orientation for the 12 live and 9 implementing ones, later extended to municipal
/// chambers, and the year's meeting of the municipalities.
/// </summary>
internal static class DemoSeiOnboarding
{
    private const string Auditorium = "Cidade Administrativa Presidente Tancredo Neves — Auditório JK, Belo Horizonte/MG";

    private static readonly string[] ChamberTitles =
    [
        "Diretor{|a}-Geral da Câmara Municipal",
        "Servidor{|a} do Setor de Protocolo",
        "Assessor{|a} Legislativ{o|a}",
    ];

    public static void Build(DemoWorld world, DemoMinas minas)
    {
        var year = world.Year;
        var programme = world.Programme("SEI-MUNICIPIOS", $"Sei!MG Municípios {year}",
            "Levar o Sistema Eletrônico de Informações às prefeituras e câmaras municipais: reuniões de apresentação do projeto, " +
            "orientações técnicas para os municípios em implantação e já em produção, com apoio da companhia estadual de " +
            "tecnologia da informação (ambiente em nuvem, suporte e controle de qualidade), e o encontro anual dos municípios " +
            "para troca de experiências sobre a tramitação digital de documentos e processos.",
            minas.Planning, targetMinutes: null);
        var team = Enumerable.Range(0, 3).Select(i => world.Staff(minas.DocumentSystem, i, DemoMinas.StateTeamTitles)).ToArray();
        var prodemge = world.Staff(minas.ProdemgeBusiness, 0, ["Superintendente de Negócios"]);
        var adopters = DemoPlaces.SeiLive.Concat(DemoPlaces.SeiImplementing).ToList();

        BuildPresentations(world, minas, programme, adopters, team);
        var course = DemoCourses.Create(world, DemoCourses.DocumentSystem, programme);
        BuildOrientation(world, minas, programme, course, adopters, team);
        BuildChambers(world, minas, programme, course, team);
        BuildMeeting(world, minas, programme, adopters, team, prodemge);
    }

    private static void BuildPresentations(DemoWorld world, DemoMinas minas, Programme programme, List<string> adopters, Person[] team)
    {
        var others = DemoPlaces.MinasGerais.OrderBy(_ => world.Faker.Random.Int()).Take(204 - adopters.Count);
        var attending = adopters.Concat(others).OrderBy(_ => world.Faker.Random.Int()).ToList();
        var first = world.NthWeekday(2, DayOfWeek.Tuesday, 2);
        var last = world.NthWeekday(11, DayOfWeek.Tuesday, 2);
        var series = new WebinarSeries
        {
            Code = $"SEI-APRESENTACAO-{world.Year}",
            Title = $"Reuniões de Apresentação do Sei!MG Municípios {world.Year}",
            Description = "Reuniões on-line mensais em que a equipe da Secretaria apresenta o projeto, o modelo de adesão e as etapas " +
                          "de implantação às prefeituras interessadas. Cada prefeitura participa de uma reunião.",
            Programme = programme,
            RegistrationByDate = true,
            SeriesKind = SeriesKind.Meeting,
            ParticipationRule = ParticipationRule.EachSession,
            StartsOn = first,
            EndsOn = last,
            EnrolmentOpensAt = DemoWorld.Utc(world.Day(1, 20), new TimeOnly(9, 0)),
            EnrolmentClosesAt = DemoWorld.Utc(last, new TimeOnly(9, 0)),
            Place = "On-line — sala de reunião virtual",
        };
        var sessions = new List<Session>();
        for (var m = 0; m < 10; m++)
        {
            sessions.Add(world.Session(series, $"Apresentação do Sei!MG Municípios — reunião {m + 1}/10", world.NthWeekday(2 + m, DayOfWeek.Tuesday, 2),
                new TimeOnly(10, 0), 90, 90, null, $"https://reuniao.example.mg.gov.br/sei-municipios/apresentacao-{m + 1}"));
        }

        DemoWorld.AllowKinds(series, OrganizationKind.CityHall, OrganizationKind.MunicipalChamber);
        DemoWorld.Teach(series, team[1], team[2]);
        var plan = world.Plan(series);
        plan.RecordsAbsences = false;
        plan.SingleSession = [];
        for (var i = 0; i < attending.Count; i++)
        {
            var person = minas.CityStaff(world, attending[i], 0);
            var session = sessions[i % sessions.Count];
            plan.SingleSession[person] = session;
            // Requests dated after today are left out: those city halls have not signed up yet.
            plan.Add(person, EnrolmentIntent.Seat, Max(series.EnrolmentOpensAt!.Value, session.StartsAt.AddDays(-world.Faker.Random.Int(3, 15))));
        }

        Participate(world, minas, programme, attending);
    }

    /// <summary>
    /// The coordinators' figures as participations with their history, over the year before the demo's (the project was
    /// launched a year earlier): the 204 city halls invited in January and presented to from February to November;
    /// the 12 live ones implementing from June and live from September; the 9 others implementing from October.
    /// Each adopter has an agreement and its first staff member as focal point.
    /// </summary>
    private static void Participate(DemoWorld world, DemoMinas minas, Programme programme, List<string> attending)
    {
        var year = world.Year - 1;
        var invited = new DateOnly(year, 1, 15);
        for (var i = 0; i < attending.Count; i++)
        {
            var municipality = attending[i];
            var presented = NthTuesday(year, 2 + i % 10);
            var live = Array.IndexOf(DemoPlaces.SeiLive, municipality);
            var implementing = Array.IndexOf(DemoPlaces.SeiImplementing, municipality);
            (ParticipationStatus, int?, DateOnly)[] steps = live >= 0
                ? [(ParticipationStatus.Invited, null, invited), (ParticipationStatus.Presented, null, Min(presented, new DateOnly(year, 5, 1))),
                    (ParticipationStatus.Implementing, null, new DateOnly(year, 6, 2 + live)), (ParticipationStatus.Live, null, new DateOnly(year, 9 + live % 3, 1 + live))]
                : implementing >= 0
                    ? [(ParticipationStatus.Invited, null, invited), (ParticipationStatus.Presented, null, Min(presented, new DateOnly(year, 9, 1))),
                        (ParticipationStatus.Implementing, null, new DateOnly(year, 10 + implementing % 2, 3 + implementing))]
                    : [(ParticipationStatus.Invited, null, invited), (ParticipationStatus.Presented, null, presented)];
            var participation = world.Participation(programme, minas.CityHalls[municipality], steps);
            if (live >= 0 || implementing >= 0)
            {
                var n = live >= 0 ? live + 1 : DemoPlaces.SeiLive.Length + implementing + 1;
                participation.AgreementNumber = $"ACT {n:000}/{year}";
                participation.AgreementSignedOn = steps[2].Item3;
                participation.AgreementValidUntil = steps[2].Item3.AddYears(5);
                participation.AgreementUrl = $"https://www.example.mg.gov.br/sei-municipios/acordos/{n:000}-{year}.pdf";
                participation.FocalPoints.Add(new ParticipationFocalPoint { Person = minas.CityStaff(world, municipality, 0) });
            }
        }
    }

    private static DateOnly NthTuesday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)DayOfWeek.Tuesday - (int)first.DayOfWeek + 7) % 7) + 7);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static void BuildOrientation(DemoWorld world, DemoMinas minas, Programme programme, Course course, List<string> adopters, Person[] team)
    {
        var first = world.NthWeekday(5, DayOfWeek.Thursday, 2);
        var offering = NewClass(world, programme, course, 1, "Prefeituras em implantação e em produção", first, seats: 60,
            opens: DemoWorld.Utc(world.Day(4, 1), new TimeOnly(9, 0)), new TimeOnly(14, 0));
        DemoWorld.AllowOrganizations(offering, adopters.Select(a => minas.CityHalls[a]));
        DemoWorld.Teach(offering, minas.Instructor, team[1]);
        var plan = world.Plan(offering);
        var opens = offering.EnrolmentOpensAt!.Value;
        var n = 0;
        foreach (var municipality in adopters)
        {
            plan.Add(minas.CityStaff(world, municipality, 3), ++n % 17 == 0 ? EnrolmentIntent.Cancel : EnrolmentIntent.Seat, world.RequestTime(opens, 0, 20));
            plan.Add(minas.CityStaff(world, municipality, 4), EnrolmentIntent.Seat, world.RequestTime(opens, 0, 20));
            if (DemoPlaces.SeiImplementing.Contains(municipality))
            {
                plan.Add(minas.CityStaff(world, municipality, 0), EnrolmentIntent.Seat, world.RequestTime(opens, 0, 20));
            }
        }
    }

    private static void BuildChambers(DemoWorld world, DemoMinas minas, Programme programme, Course course, Person[] team)
    {
        string[] towns = ["Sete Lagoas", "Timóteo", "Pompéu", "Lavras", "Unaí", "Diamantina"];
        var first = world.NthWeekday(10, DayOfWeek.Thursday, 2);
        var offering = NewClass(world, programme, course, 2, "Câmaras Municipais", first, seats: 30,
            opens: DemoWorld.Utc(world.Day(9, 15), new TimeOnly(9, 0)), new TimeOnly(9, 0));
        DemoWorld.AllowKinds(offering, OrganizationKind.MunicipalChamber);
        DemoWorld.Teach(offering, minas.Instructor, team[2]);
        var plan = world.Plan(offering);
        var opens = offering.EnrolmentOpensAt!.Value;
        foreach (var town in towns)
        {
            var cityHall = minas.CityHalls[town];
            var chamber = world.Organization($"Câmara Municipal de {town}", null, OrganizationKind.MunicipalChamber, null, "MG",
                $"camara.{DemoIdentifiers.Slug(town, '-').Replace("-", "", StringComparison.Ordinal)}.example.mg.gov.br", cityHall.IbgeCode);
            for (var i = 0; i < 3; i++)
            {
                plan.Add(world.Staff(chamber, i, ChamberTitles), EnrolmentIntent.Seat, world.RequestTime(opens, 0, 15));
            }
        }
    }

    private static void BuildMeeting(DemoWorld world, DemoMinas minas, Programme programme, List<string> adopters, Person[] team, Person prodemge)
    {
        var day = world.NthWeekday(12, DayOfWeek.Thursday, 3);
        var meeting = new WebinarSeries
        {
            Code = $"SEI-ENCONTRO-{world.Year}",
            Title = $"Encontro Sei!MG Municípios {world.Year}",
            Description = "Encontro presencial de gestores e equipes técnicas do Estado e das prefeituras: painéis sobre a " +
                          "transformação digital nas administrações municipais, relatos de prefeituras que já usam o sistema e " +
                          "orientações técnicas da Secretaria e da companhia estadual de tecnologia da informação.",
            Programme = programme,
            StartsOn = day,
            EndsOn = day,
            Seats = 120,
            EnrolmentOpensAt = DemoWorld.Utc(world.Day(11, 10), new TimeOnly(9, 0)),
            EnrolmentClosesAt = DemoWorld.Utc(day.AddDays(-2), new TimeOnly(18, 0)),
            Place = Auditorium,
        };
        world.Session(meeting, "Encontro Sei!MG Municípios: painéis, relatos de experiência e orientações técnicas", day,
            new TimeOnly(9, 0), 480, 420, Auditorium, null);
        DemoWorld.AllowOrganizations(meeting, adopters.Select(a => minas.CityHalls[a]));
        DemoWorld.Teach(meeting, team[0], prodemge, minas.Instructor);
        var plan = world.Plan(meeting);
        var opens = meeting.EnrolmentOpensAt!.Value;
        foreach (var municipality in adopters)
        {
            plan.Add(minas.CityStaff(world, municipality, 0), EnrolmentIntent.Seat, world.RequestTime(opens, 0, 20));
            plan.Add(minas.CityStaff(world, municipality, 3), EnrolmentIntent.Seat, world.RequestTime(opens, 0, 20));
        }
    }

    private static CourseClass NewClass(DemoWorld world, Programme programme, Course course, int number, string audience, DateOnly first,
        int seats, DateTime opens, TimeOnly start)
    {
        var code = $"SEI-IMPL-{world.Year}-T{number}";
        var offering = new CourseClass
        {
            Code = code,
            Title = $"Orientação Técnica Sei!MG — {audience} — Turma {number}/{world.Year}",
            Course = course,
            Programme = programme,
            StartsOn = first,
            EndsOn = first.AddDays(21),
            Seats = seats,
            EnrolmentOpensAt = opens,
            EnrolmentClosesAt = DemoWorld.Utc(first.AddDays(-3), new TimeOnly(23, 59)),
            Place = "On-line (ao vivo)",
        };
        string[] topics = ["Adesão, estrutura e perfis de acesso", "Processos, documentos e modelos", "Assinatura, tramitação e gestão documental", "Integrações e boas práticas de implantação"];
        for (var s = 0; s < 4; s++)
        {
            world.Session(offering, $"Orientação técnica {s + 1}/4 — {topics[s]}", first.AddDays(7 * s), start, 180, 180, null,
                $"https://reuniao.example.mg.gov.br/sei-municipios/{code.ToLowerInvariant()}");
        }

        return offering;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
