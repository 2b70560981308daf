using TrainingHub.Core.Catalog;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Seeding;

/// <summary>
/// Programme 5: a state institute's municipal management programme. An agreement (convênio) per municipality; a
/// municipal team of servants, council members, the chamber and other local entities; an in-service course that
/// starts in a set month for each municipality.
/// </summary>
internal static class DemoInstitute
{
    public static void Build(DemoWorld world)
    {
        var year = world.Year;
        var root = world.Organization("Governo do Estado do Maranhão", "GovMA", OrganizationKind.StateAgency, null, "MA", "governo.example.ma.gov.br");
        var institute = world.Organization("Instituto Maranhense de Estudos Socioeconômicos e Cartográficos", "IMESC", OrganizationKind.StateAgency, root, "MA", "imesc.example.ma.gov.br");
        world.Organization("Secretaria de Estado de Programas Estratégicos", "Sepe", OrganizationKind.StateAgency, root, "MA", "sepe.example.ma.gov.br");
        var staff = Enumerable.Range(0, 4).Select(i => world.Staff(institute, i,
            ["President{e|a} do Instituto", "Diretor{|a} de Estudos e Pesquisas", "Técnic{o|a} em Pesquisa e Planejamento"])).ToArray();

        var programme = world.Programme("IMESC-GPPM", $"Estratégias e Inovações da Gestão de Políticas Públicas Municipais {year}",
            "Programa do Instituto para que os municípios implantem um modelo de planejamento e gestão de políticas públicas. " +
            "Cada município assina um convênio e forma uma equipe com servidores públicos, representantes dos conselhos municipais, " +
            "da Câmara Municipal e de outras entidades relevantes; a gestão é compartilhada. O Instituto oferece a plataforma " +
            "DigIMESC, o banco de dados municipal, cursos de aperfeiçoamento em serviço, cartilha e assessoramento técnico permanente.",
            institute, targetMinutes: null);
        var course = DemoCourses.Create(world, DemoCourses.InstituteInService, programme, requiredHours: 30);

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var m = 0; m < DemoPlaces.InstituteMunicipalities.Length; m++)
        {
            var (name, month) = DemoPlaces.InstituteMunicipalities[m];
            var slug = DemoIdentifiers.Slug(name, '-');
            var host = slug.Replace("-", "", StringComparison.Ordinal);
            var cityHall = world.Organization($"Prefeitura Municipal de {name}", null, OrganizationKind.CityHall, null, "MA",
                $"{host}.example.ma.gov.br", DemoMinas.PlausibleIbge(21, 217, slug, codes));
            var health = world.Organization($"Conselho Municipal de Saúde de {name}", "CMS", OrganizationKind.Council, cityHall, "MA", $"conselhos.{host}.example.ma.gov.br");
            var education = world.Organization($"Conselho Municipal de Educação de {name}", "CME", OrganizationKind.Council, cityHall, "MA", $"conselhos.{host}.example.ma.gov.br");
            var chamber = world.Organization($"Câmara Municipal de {name}", null, OrganizationKind.MunicipalChamber, null, "MA", $"camara.{host}.example.ma.gov.br", cityHall.IbgeCode);
            var association = world.Organization($"Associação Comercial e Empresarial de {name}", "ACE", OrganizationKind.ExternalInstitution, null, "MA", $"ace-{host}.example.org");

            var team = Enumerable.Range(0, 6).Select(i => world.Staff(cityHall, i, DemoMinas.CityHallTitles))
                .Append(world.Staff(health, 0, ["Conselheir{o|a} Municipal de Saúde"]))
                .Append(world.Staff(education, 0, ["Conselheir{o|a} Municipal de Educação"]))
                .Concat(Enumerable.Range(0, 2).Select(i => world.Staff(chamber, i, ["Vereador{|a}", "Servidor{|a} da Câmara Municipal"])))
                .Concat(Enumerable.Range(0, 2).Select(i => world.Staff(association, i, ["President{e|a} da Associação", "Representante da sociedade civil"])))
                .ToList();

            var first = world.NthWeekday(month, DayOfWeek.Wednesday, 1);
            var opens = DemoWorld.Utc(first.AddDays(-30), new TimeOnly(9, 0));
            var code = $"IMESC-CAS-{year}-{host.ToUpperInvariant()}";
            var offering = new CourseClass
            {
                Code = code,
                Title = $"Aperfeiçoamento em Serviço — {name} (Convênio nº {m + 1:D2}/{year})",
                Course = course,
                Programme = programme,
                StartsOn = first,
                EndsOn = first.AddDays(7 * 9),
                Seats = 20,
                EnrolmentOpensAt = opens,
                EnrolmentClosesAt = DemoWorld.Utc(first.AddDays(-2), new TimeOnly(18, 0)),
                Place = $"Prefeitura Municipal de {name} e on-line",
            };
            var syllabus = DemoCourses.InstituteInService.Syllabus;
            for (var s = 0; s < 10; s++)
            {
                var inPerson = s is 0 or 9;
                world.Session(offering, $"Módulo {s + 1}/10 — {syllabus[s % syllabus.Length]}", first.AddDays(7 * s), new TimeOnly(8, 30), 240, 240,
                    inPerson ? $"Auditório da Prefeitura Municipal de {name}" : $"Sala de reuniões da Secretaria Municipal de Planejamento de {name}",
                    inPerson ? null : $"https://reuniao.example.ma.gov.br/imesc/{slug}");
            }

            DemoWorld.AllowOrganizations(offering, [cityHall, health, education, chamber, association]);
            DemoWorld.Teach(offering, staff[1], staff[2 + m % 2]);
            var plan = world.Plan(offering);
            for (var i = 0; i < team.Count; i++)
            {
                var intent = m == 1 && i == 4 ? EnrolmentIntent.Cancel : EnrolmentIntent.Seat;
                plan.Add(team[i], intent, world.RequestTime(opens, 0, 20));
                world.Join(programme, team[i], opens);
            }
        }
    }
}
