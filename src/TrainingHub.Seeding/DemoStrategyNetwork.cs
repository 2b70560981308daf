using TrainingHub.Core.Catalog;
using TrainingHub.Core.People;

namespace TrainingHub.Seeding;

/// <summary>
/// Programme 1: the state strategy network. 29 strategy units, ~120 representatives at six network meetings,
/// six courses in twelve classes for ~360 servants, 48 hours of training per servant per year.
/// </summary>
internal static class DemoStrategyNetwork
{
    private const int Seats = 40;

    private static readonly string[] UnitTitles =
    [
        "Assessor{|a}-Chefe de Assessoria Estratégica",
        "Analista de Planejamento e Gestão",
        "Especialista em Políticas Públicas e Gestão Governamental",
        "Gestor{|a} Governamental",
        "Assessor{|a} Estratégic{o|a}",
        "Técnic{o|a} de Gestão Estratégica",
        "Analista de Projetos",
    ];

    public static void Build(DemoWorld world, DemoMinas minas)
    {
        var year = world.Year;
        var programme = world.Programme("REDE-ESTRATEGIA", $"Rede Estratégia {year}",
            "Rede que integra as Assessorias Estratégicas (e unidades equivalentes) dos órgãos e entidades do Poder Executivo " +
            "estadual, coordenada pela Secretaria de Planejamento e Gestão. Reúne encontros periódicos para troca de experiências, " +
            "nivelamento e busca de soluções conjuntas, e uma trilha de cursos com temas escolhidos pelas próprias assessorias em " +
            "diagnóstico de necessidades. Meta: 48 horas de capacitação por servidor inscrito no ano.",
            minas.Planning, targetMinutes: 48 * 60);

        // The 29 units: 360 servants in all, about 120 of them representatives at the network meetings.
        var trainees = new List<Person>();
        var representatives = new List<Person>();
        for (var u = 0; u < minas.Units.Count; u++)
        {
            var size = 12 + (u < 12 ? 1 : 0);
            var reps = 4 + (u < 4 ? 1 : 0);
            for (var i = 0; i < size; i++)
            {
                var person = world.Staff(minas.Units[u], i, UnitTitles);
                trainees.Add(person);
                if (i < reps)
                {
                    // The unit's representatives at the network are its focal points (needs surveys sent to focal points reach them).
                    person.IsFocalPoint = true;
                    representatives.Add(person);
                }

                world.Join(programme, person, DemoWorld.Utc(world.Day(2, 1), new TimeOnly(9, 0)).AddDays(i));
            }
        }

        var school = Enumerable.Range(0, 4).Select(i => world.Staff(minas.GovernmentSchool, i, ["Diretor{|a} da Escola de Governo", "Professor{|a} da Escola de Governo"])).ToArray();
        var capacities = Enumerable.Range(0, 4).Select(i => world.Staff(minas.Capacities, i, DemoMinas.StateTeamTitles)).ToArray();
        var office = world.Staff(minas.InnovationOffice, 1, DemoMinas.StateTeamTitles);
        var instructors = new[]
        {
            new[] { school[1], capacities[2] },
            new[] { minas.Instructor },
            new[] { minas.Instructor, office },
            new[] { school[2] },
            new[] { school[3] },
            new[] { capacities[3] },
        };

        // Six courses, each in a first-semester and a second-semester class.
        var opens = DemoWorld.Utc(world.Day(1, 22), new TimeOnly(9, 0));
        var classes = new List<OfferingPlan>();
        for (var k = 0; k < DemoCourses.StrategyNetwork.Length; k++)
        {
            var definition = DemoCourses.StrategyNetwork[k];
            var course = DemoCourses.Create(world, definition, programme);
            for (var term = 0; term < 2; term++)
            {
                var first = world.NthWeekday(term == 0 ? 4 : 8, k % 2 == 0 ? DayOfWeek.Tuesday : DayOfWeek.Thursday, 1).AddDays(14 * k);
                var sessions = definition.WorkloadHours / 4;
                var online = definition.Modality == Modality.Online;
                var code = $"{definition.Code}-{year}-T{term + 1}";
                var place = online ? null : "Cidade Administrativa Presidente Tancredo Neves — Prédio Minas, 12º andar, sala de capacitação";
                var stream = definition.Modality == Modality.InPerson ? null : $"https://reuniao.example.mg.gov.br/rede-estrategia/{code.ToLowerInvariant()}";
                var offering = new CourseClass
                {
                    Code = code,
                    Title = $"{definition.Title} — Turma {term + 1}/{year}",
                    Course = course,
                    Programme = programme,
                    StartsOn = first,
                    EndsOn = first.AddDays(7 * (sessions - 1)),
                    Seats = Seats,
                    EnrolmentOpensAt = opens,
                    EnrolmentClosesAt = DemoWorld.Utc(first.AddDays(-5), new TimeOnly(23, 59)),
                    ApprovalRequired = k == 5,
                    Eligibility = Eligibility.ProgrammeMembers,
                    Place = online ? "On-line (ao vivo)" : place,
                };
                for (var s = 0; s < sessions; s++)
                {
                    world.Session(offering, $"Encontro {s + 1}: {definition.Syllabus[Math.Min(s, definition.Syllabus.Length - 1)]}",
                        first.AddDays(7 * s), term == 0 ? new TimeOnly(14, 0) : new TimeOnly(9, 0), 240, 240, place, stream);
                }

                DemoWorld.Teach(offering, instructors[k]);
                classes.Add(world.Plan(offering));
            }
        }

        PlanClassEnrolments(world, trainees, representatives, classes);
        BuildMeetings(world, minas, programme, representatives, capacities[0]);
    }

    private static void PlanClassEnrolments(DemoWorld world, List<Person> trainees, List<Person> representatives, List<OfferingPlan> classes)
    {
        // Everyone has a class; every third servant a second one, in another course and the other semester.
        var members = classes.Select(_ => new List<Person>()).ToList();
        var twice = new HashSet<Person>();
        for (var i = 0; i < trainees.Count; i++)
        {
            members[i % classes.Count].Add(trainees[i]);
        }

        for (var i = 0; i < trainees.Count; i += 3)
        {
            var primary = i % classes.Count;
            var second = Enumerable.Range(0, classes.Count)
                .Where(c => c / 2 != primary / 2 && c % 2 != primary % 2)
                .OrderBy(c => members[c].Count).ThenBy(c => (c - primary + classes.Count) % classes.Count)
                .First();
            members[second].Add(trainees[i]);
            twice.Add(trainees[i]);
        }

        // The demo trainee: a representative (not a unit head) with two classes and steady attendance.
        var trainee = representatives.First(p => p.Manager is not null && twice.Contains(p) && StableRandom.Unit(world.OrdinalOf(p), 0, 0) >= DemoOutcomes.WeakShare);
        world.AccountPeople["trainee"] = trainee;

        for (var c = 0; c < classes.Count; c++)
        {
            var plan = classes[c];
            var opens = plan.Offering.EnrolmentOpensAt!.Value;
            var cancelled = c % 3 == 0
                ? members[c].Where(p => p != trainee).OrderBy(_ => world.Faker.Random.Int()).Take(2).ToHashSet()
                : [];
            foreach (var person in members[c])
            {
                plan.Add(person, cancelled.Contains(person) ? EnrolmentIntent.Cancel : EnrolmentIntent.Seat, world.RequestTime(opens, 0, 12));
            }

            if (c % 3 == 1)
            {
                // Full class: a short waitlist, first come, first served.
                foreach (var person in Outsiders(world, trainees, twice, plan, 3))
                {
                    plan.Add(person, EnrolmentIntent.Waitlist, world.RequestTime(opens, 14, 20));
                }
            }

            if (plan.Offering.ApprovalRequired)
            {
                // Requests still waiting for the manager's approval (cancelled if the class starts first).
                foreach (var person in Outsiders(world, trainees, twice, plan, 2))
                {
                    plan.Add(person, EnrolmentIntent.AwaitApproval, world.RequestTime(opens, 14, 20));
                }
            }
        }
    }

    /// <summary>Servants with a single class who are not in this one yet, drawn at random.</summary>
    private static List<Person> Outsiders(DemoWorld world, List<Person> trainees, HashSet<Person> twice, OfferingPlan plan, int count)
    {
        var inside = plan.Enrolments.Select(e => e.Person).ToHashSet();
        return trainees.Where(p => !twice.Contains(p) && !inside.Contains(p)).OrderBy(_ => world.Faker.Random.Int()).Take(count).ToList();
    }

    private static void BuildMeetings(DemoWorld world, DemoMinas minas, Programme programme, List<Person> representatives, Person coordinator)
    {
        const string place = "Auditório da Fapemig — Av. José Cândido da Silveira, 1500, Horto, Belo Horizonte/MG";
        var series = new WebinarSeries
        {
            Code = $"RE-ENCONTROS-{world.Year}",
            Title = $"Encontros da Rede Estratégia {world.Year}",
            SeriesKind = SeriesKind.Meeting,
            ParticipationRule = ParticipationRule.EachSession,
            Description = "Encontros presenciais das Assessorias Estratégicas para troca de experiências, nivelamento de informações " +
                          "do dia a dia das assessorias, apresentação de temas de interesse comum e construção de soluções conjuntas. " +
                          "Lema da rede: \"Ouvir para simplificar. Conectar para fortalecer\".",
            Programme = programme,
            StartsOn = world.NthWeekday(3, DayOfWeek.Monday, 3),
            EndsOn = world.NthWeekday(11, DayOfWeek.Monday, 3),
            Seats = 150,
            EnrolmentOpensAt = DemoWorld.Utc(world.Day(2, 15), new TimeOnly(9, 0)),
            EnrolmentClosesAt = DemoWorld.Utc(world.NthWeekday(11, DayOfWeek.Monday, 3).AddDays(-3), new TimeOnly(23, 59)),
            Eligibility = Eligibility.ProgrammeMembers,
            Place = place,
        };
        string[] topics =
        [
            "Nivelamento das Aests e automatização de processos",
            "Carteira de projetos estratégicos e acompanhamento pelo Governo",
            "Gestão de riscos estratégicos nos órgãos",
            "Indicadores e painéis de monitoramento",
            "Inovação e simplificação de serviços públicos",
            "Balanço do ano e planejamento do próximo ciclo",
        ];
        int[] months = [3, 5, 6, 8, 10, 11];
        for (var m = 0; m < months.Length; m++)
        {
            world.Session(series, $"{m + 1}º Encontro da Rede Estratégia — {topics[m]}", world.NthWeekday(months[m], DayOfWeek.Monday, 3),
                new TimeOnly(9, 0), 180, 180, place, null);
        }

        DemoWorld.Teach(series, coordinator, minas.Instructor);
        var plan = world.Plan(series);
        plan.Turnout = 0.78;
        foreach (var person in representatives)
        {
            plan.Add(person, EnrolmentIntent.Seat, world.RequestTime(series.EnrolmentOpensAt!.Value, 0, 20));
        }
    }
}
