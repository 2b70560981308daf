using TrainingHub.Core.Catalog;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Seeding;

/// <summary>
/// Programme 3: a five-month immersive exchange in the state innovation office for servants of an external
/// institution (the capital's city hall), in stages: training, practical immersion, project development, final presentation.
/// </summary>
internal static class DemoExchange
{
    private const string Place = "Cidade Administrativa Presidente Tancredo Neves — Prédio Gerais, Escritório Central de Inovação e Automatização";

    public static void Build(DemoWorld world, DemoMinas minas)
    {
        var year = world.Year;
        var cityHall = minas.CityHalls["Belo Horizonte"];
        var works = world.Organization("Secretaria Municipal de Obras e Infraestrutura", "Smobi", OrganizationKind.CityHall, cityHall, "MG", "smobi.example.mg.gov.br");
        var development = world.Organization("Superintendência de Desenvolvimento da Capital", "Sudecap", OrganizationKind.CityHall, cityHall, "MG", "sudecap.example.mg.gov.br");
        var worksStaff = Enumerable.Range(0, 3).Select(i => world.Staff(works, i,
            ["Subsecretári{o|a} de Planejamento, Gestão e Finanças", "Gerente de Controle e Monitoramento de Riscos", "Analista de Políticas Públicas"])).ToArray();
        var developmentStaff = Enumerable.Range(0, 2).Select(i => world.Staff(development, i,
            ["Diretor{|a} de Planejamento", "Analista da Diretoria de Assessoramento Municipal"])).ToArray();

        var programme = world.Programme("INTERCAMBIO-INOVACAO", $"Intercâmbio para Inovação e Automatização no Setor Público {year}",
            "Formação imersiva de servidores de instituições parceiras no Escritório Central de Inovação e Automatização: os " +
            "intercambistas atuam integrados às equipes do Escritório durante cinco meses, desenvolvendo projetos da sua área de " +
            "atuação e do Estado, com apoio técnico da Secretaria. Ao final, os resultados são apresentados em evento institucional. " +
            "Primeira parceria: Prefeitura de Belo Horizonte (Smobi e Sudecap).",
            minas.InnovationOffice, targetMinutes: null);
        var course = DemoCourses.Create(world, DemoCourses.Exchange, programme);

        var first = world.NthWeekday(3, DayOfWeek.Monday, 1);
        var offering = new CourseClass
        {
            Code = $"INT-INOVA-{year}-1",
            Title = $"Intercâmbio para Inovação e Automatização — Turma {year}/1 (Prefeitura de Belo Horizonte)",
            Course = course,
            Programme = programme,
            StartsOn = first,
            EndsOn = first.AddDays(7 * 20),
            Seats = 3,
            EnrolmentOpensAt = DemoWorld.Utc(world.Day(1, 12), new TimeOnly(9, 0)),
            EnrolmentClosesAt = DemoWorld.Utc(first.AddDays(-10), new TimeOnly(18, 0)),
            ApprovalRequired = true,
            Place = Place,
        };
        string[] training = ["Fundamentos de automatização de processos", "Modelagem de processos em BPMN", "Ferramentas de RPA e low-code do Escritório", "Inteligência artificial aplicada ao serviço público"];
        for (var week = 0; week < 21; week++)
        {
            var day = first.AddDays(7 * week);
            var (title, minutes) = week switch
            {
                < 4 => ($"Etapa 1 — Capacitação: {training[week]}", 420),
                < 10 => ($"Etapa 2 — Imersão prática: semana {week - 3} com as equipes do Escritório", 420),
                < 20 => ($"Etapa 3 — Desenvolvimento de projeto: ciclo {week - 9}", 420),
                _ => ("Etapa 4 — Apresentação final dos resultados (evento institucional)", 180),
            };
            var start = week == 20 ? new TimeOnly(14, 0) : new TimeOnly(9, 0);
            world.Session(offering, title, day, start, week == 20 ? 180 : 480, minutes, Place, null);
        }

        DemoWorld.AllowOrganizations(offering, [cityHall]);
        DemoWorld.Teach(offering, minas.Instructor, world.Staff(minas.InnovationOffice, 0, DemoMinas.StateTeamTitles));
        var plan = world.Plan(offering);
        var opens = offering.EnrolmentOpensAt.Value;
        plan.Add(worksStaff[1], EnrolmentIntent.Seat, world.RequestTime(opens, 1, 5));
        plan.Add(developmentStaff[1], EnrolmentIntent.Seat, world.RequestTime(opens, 1, 5));
        plan.Add(worksStaff[2], EnrolmentIntent.AwaitApproval, world.RequestTime(opens, 20, 30));
        world.Join(programme, worksStaff[1], opens);
        world.Join(programme, developmentStaff[1], opens);
    }
}
