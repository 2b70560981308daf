using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Seeding;

/// <summary>The Minas Gerais side of the demo: the state government tree and the municipalities.</summary>
internal sealed class DemoMinas
{
    public static readonly string[] CityHallTitles =
    [
        "Secretári{o|a} Municipal de Planejamento e Gestão",
        "Assessor{|a} de Planejamento",
        "Agente Administrativ{o|a}",
        "Técnic{o|a} em Gestão Documental",
        "Analista de Tecnologia da Informação",
        "Diretor{|a} de Recursos Humanos",
    ];

    public static readonly string[] StateTeamTitles =
    [
        "Diretor{|a}",
        "Especialista em Políticas Públicas e Gestão Governamental",
        "Analista de Planejamento e Gestão",
        "Analista de Automatização de Processos",
    ];

    private DemoMinas(DemoWorld world)
    {
        Root = world.Organization("Governo do Estado de Minas Gerais", "GovMG", OrganizationKind.StateAgency, null, "MG", "governo.example.mg.gov.br");
        Planning = world.Organization("Secretaria de Estado de Planejamento e Gestão", "Seplag-MG", OrganizationKind.StateAgency, Root, "MG", "seplag.example.mg.gov.br");
        Innovation = world.Organization("Subsecretaria de Inovação e Gestão Estratégica", "Sige", OrganizationKind.StateAgency, Planning, "MG", "seplag.example.mg.gov.br");
        Capacities = world.Organization("Assessoria de Desenvolvimento de Capacidades em Estratégia e Inovação", "ADCEI", OrganizationKind.StateAgency, Innovation, "MG", "seplag.example.mg.gov.br");
        InnovationOffice = world.Organization("Escritório Central de Inovação e Automatização", "ECIA", OrganizationKind.StateAgency, Innovation, "MG", "seplag.example.mg.gov.br");
        DocumentSystem = world.Organization("Diretoria Central de Gestão Documental e Sei!MG", "DCGD", OrganizationKind.StateAgency, Planning, "MG", "seplag.example.mg.gov.br");
        foreach (var (name, acronym) in DemoPlaces.StrategicUnits)
        {
            Units.Add(world.Organization(name, acronym, OrganizationKind.StateAgency, Root, "MG", $"{DemoIdentifiers.Slug(acronym, '.')}.example.mg.gov.br"));
        }

        var fjp = Units.Single(u => u.Acronym == "FJP");
        GovernmentSchool = world.Organization("Escola de Governo Professor Paulo Neves de Carvalho", "EG-FJP", OrganizationKind.StateAgency, fjp, "MG", "fjp.example.mg.gov.br");
        var segov = Units.Single(u => u.Acronym == "Segov");
        MunicipalAffairs = world.Organization("Subsecretaria de Assuntos Municipais", "Suam", OrganizationKind.StateAgency, segov, "MG", "segov.example.mg.gov.br");
        var prodemge = Units.Single(u => u.Acronym == "Prodemge");
        ProdemgeBusiness = world.Organization("Superintendência de Negócios", "SN-Prodemge", OrganizationKind.StateAgency, prodemge, "MG", "prodemge.example.mg.gov.br");

        var all = DemoPlaces.SeiLive.Concat(DemoPlaces.SeiImplementing).Concat(DemoPlaces.MinasGerais).ToList();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in all)
        {
            var slug = DemoIdentifiers.Slug(name, '-');
            var code = PlausibleIbge(31, 853, slug, codes);
            CityHalls[name] = world.Organization($"Prefeitura Municipal de {name}", null, OrganizationKind.CityHall, null, "MG",
                $"{slug.Replace("-", "", StringComparison.Ordinal)}.example.mg.gov.br", code);
        }

        // Heads of the Seplag teams, and who they answer to.
        var undersecretary = world.Staff(Innovation, 0, ["Subsecretári{o|a} de Inovação e Gestão Estratégica"]);
        Coordinator = world.Staff(Capacities, 0, ["Assessor{|a}-Chefe de Desenvolvimento de Capacidades"]);
        Coordinator.Manager = undersecretary;
        Instructor = world.Staff(Capacities, 1, StateTeamTitles);
        world.Staff(InnovationOffice, 0, ["Diretor{|a} do Escritório Central de Inovação e Automatização"]).Manager = undersecretary;
    }

    public Organization Root { get; }
    public Organization Planning { get; }
    public Organization Innovation { get; }
    public Organization Capacities { get; }
    public Organization InnovationOffice { get; }
    public Organization DocumentSystem { get; }
    public Organization GovernmentSchool { get; }
    public Organization MunicipalAffairs { get; }
    public Organization ProdemgeBusiness { get; }
    public List<Organization> Units { get; } = [];
    public Dictionary<string, Organization> CityHalls { get; } = new(StringComparer.Ordinal);

    /// <summary>Coordinator of the strategy network (the installation-wide demo administrator).</summary>
    public Person Coordinator { get; }

    /// <summary>The demo instructor: teaches in several programmes.</summary>
    public Person Instructor { get; }

    public static DemoMinas Build(DemoWorld world) => new(world);

    public Person CityStaff(DemoWorld world, string municipality, int index) => world.Staff(CityHalls[municipality], index, CityHallTitles);

    /// <summary>
    /// A plausible 7-digit IBGE code: the state's two digits, four digits that grow with the name's alphabetical
    /// place among the state's <paramref name="municipalitiesInState"/> municipalities (as real codes do), and the check digit.
    /// </summary>
    public static string PlausibleIbge(int uf, int municipalitiesInState, string slug, HashSet<string> taken)
    {
        var letters = 0.0;
        for (var i = 0; i < 3; i++)
        {
            letters = letters * 26 + (i < slug.Length ? Math.Clamp(slug[i] - 'a', 0, 25) : 0);
        }

        var place = (int)(letters / (26 * 26 * 26) * municipalitiesInState) + 1;
        for (var six = uf * 10_000 + place * 10; ; six += 5)
        {
            var code = DemoIdentifiers.IbgeCode(six);
            if (taken.Add(code))
            {
                return code;
            }
        }
    }
}
