using System.Globalization;
using Bogus;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.Participation;
using BogusGender = Bogus.DataSets.Name.Gender;
using Person = TrainingHub.Core.People.Person;

namespace TrainingHub.Seeding;

/// <summary>
/// The demo data being built, in memory, before anything is saved. Everything random comes from one seeded Bogus
/// stream consumed in a fixed order, so the structure is the same on every run of the same year; what depends on
/// today's date (attendance, outcomes) is decided later with <see cref="StableRandom"/>.
/// </summary>
internal sealed class DemoWorld
{
    public const int Seed = 20240318;

    /// <summary>Surnames often written with a particle ("da Silva", "dos Santos", "de Souza").</summary>
    private static readonly Dictionary<string, string> Particles = new(StringComparer.Ordinal)
    {
        ["Silva"] = "da",
        ["Costa"] = "da",
        ["Cruz"] = "da",
        ["Conceição"] = "da",
        ["Rocha"] = "da",
        ["Paz"] = "da",
        ["Santos"] = "dos",
        ["Reis"] = "dos",
        ["Anjos"] = "dos",
        ["Souza"] = "de",
        ["Oliveira"] = "de",
        ["Almeida"] = "de",
        ["Andrade"] = "de",
        ["Araújo"] = "de",
        ["Carvalho"] = "de",
        ["Jesus"] = "de",
        ["Lima"] = "de",
        ["Freitas"] = "de",
        ["Moraes"] = "de",
        ["Castro"] = "de",
    };

    private readonly HashSet<string> cpfs = new(StringComparer.Ordinal);
    private readonly HashSet<string> emails = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Organization, string> domains = [];
    private readonly Dictionary<Organization, List<Person>> staff = [];
    private readonly Dictionary<Person, int> ordinals = [];
    private int nextCnpjBase = 16_110_000;

    public DemoWorld(TimeProvider time)
    {
        Now = time.GetUtcNow().UtcDateTime;
        Year = SaoPaulo.Today(time).Year;
        Faker = new Faker("pt_BR") { Random = new Randomizer(Seed) };
        PlannedAt = NotAfterNow(Utc(new DateOnly(Year - 1, 12, 1), new TimeOnly(10, 0)));
    }

    public DateTime Now { get; }
    public int Year { get; }
    public Faker Faker { get; }

    /// <summary>When the year's programmes were planned (the December before): creation time of the standing data.</summary>
    public DateTime PlannedAt { get; }

    public List<Organization> Organizations { get; } = [];
    public List<Person> People { get; } = [];
    public List<Programme> Programmes { get; } = [];
    public List<Course> Courses { get; } = [];
    public List<OfferingPlan> Offerings { get; } = [];
    public List<Session> Sessions { get; } = [];
    public List<ProgrammeParticipation> Participations { get; } = [];

    /// <summary>The people the demo accounts are linked to, chosen while the programmes are built.</summary>
    public Dictionary<string, Person> AccountPeople { get; } = new(StringComparer.Ordinal);

    public Organization? ScopedCityHall { get; set; }
    public Organization? PlanningSecretariat { get; set; }

    public DateTime NotAfterNow(DateTime utc) => utc <= Now ? utc : Now;

    public static DateTime Utc(DateOnly day, TimeOnly localTime) => SaoPaulo.ToUtc(day.ToDateTime(localTime));

    public DateOnly Day(int month, int day) => new(Year, month, day);

    /// <summary>The n-th (1-based) given weekday of a month of the demo year.</summary>
    public DateOnly NthWeekday(int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(Year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    public int OrdinalOf(Person person) => ordinals[person];

    public Organization Organization(string name, string? acronym, OrganizationKind kind, Organization? parent, string state,
        string domain, string? ibgeCode = null)
    {
        var organization = new Organization
        {
            Name = name,
            Acronym = acronym,
            Kind = kind,
            Parent = parent,
            State = state,
            IbgeCode = ibgeCode,
            Cnpj = kind == OrganizationKind.Council ? null : DemoIdentifiers.Cnpj(nextCnpjBase += Faker.Random.Int(7, 977)),
            CreatedAt = PlannedAt,
        };
        Organizations.Add(organization);
        domains[organization] = domain;
        return organization;
    }

    /// <summary>
    /// A new person. <paramref name="jobTitle"/> may hold gendered variants as "Secretári{o|a} de …".
    /// </summary>
    public Person Person(Organization organization, string jobTitle, Person? manager)
    {
        var female = Faker.Random.Bool();
        var first = Faker.Name.FirstName(female ? BogusGender.Female : BogusGender.Male);
        var middle = Faker.Name.LastName();
        var last = Faker.Name.LastName();
        for (var i = 0; i < 3 && last == middle; i++)
        {
            last = Faker.Name.LastName();
        }

        var connector = Particles.TryGetValue(last, out var particle) && Faker.Random.Bool(0.4f) ? $" {particle} " : " ";
        var person = new Person
        {
            Cpf = NewCpf(),
            FullName = $"{first} {middle}{connector}{last}",
            Email = NewEmail(first, last, domains[organization]),
            Organization = organization,
            JobTitle = Gendered(jobTitle, female),
            RegistrationNumber = RegistrationNumber(organization),
            PreferredLanguage = Faker.Random.Bool(0.06f) ? Languages.English : Languages.Portuguese,
            Manager = manager,
            CreatedAt = PlannedAt,
        };
        ordinals[person] = People.Count;
        People.Add(person);
        return person;
    }

    /// <summary>
    /// The staff of an organisation, created on first use and reused by every programme that needs them: the first
    /// is the head (manager of the others, <paramref name="titles"/>[0]); the others take the remaining titles in turn.
    /// </summary>
    public Person Staff(Organization organization, int index, IReadOnlyList<string> titles)
    {
        if (!staff.TryGetValue(organization, out var list))
        {
            list = [];
            staff[organization] = list;
        }

        while (list.Count <= index)
        {
            var title = list.Count == 0 || titles.Count == 1 ? titles[0] : titles[1 + (list.Count - 1) % (titles.Count - 1)];
            list.Add(Person(organization, title, list.Count == 0 ? null : list[0]));
        }

        return list[index];
    }

    public Session Session(Offering offering, string title, DateOnly day, TimeOnly start, int durationMinutes, int creditedMinutes,
        string? place, string? streamUrl)
    {
        var startsAt = Utc(day, start);
        var session = new Session
        {
            Offering = offering,
            Title = title,
            StartsAt = startsAt,
            EndsAt = startsAt.AddMinutes(durationMinutes),
            CreditedMinutes = creditedMinutes,
            Place = place,
            StreamUrl = streamUrl,
        };
        offering.Sessions.Add(session);
        Sessions.Add(session);
        return session;
    }

    public Programme Programme(string code, string name, string description, Organization owner, int? targetMinutes)
    {
        var programme = new Programme
        {
            Code = code,
            Name = name,
            Description = description,
            OwnerOrganization = owner,
            TargetMinutes = targetMinutes,
            TargetPeriod = TargetPeriod.Year,
            StartsOn = new DateOnly(Year, 1, 1),
            EndsOn = new DateOnly(Year, 12, 31),
            CreatedAt = PlannedAt,
        };
        Programmes.Add(programme);
        return programme;
    }

    /// <summary>
    /// An organisation taking part in a programme, with its history: each step a status and stage from a (past) day;
    /// the last step is the current one. The demo's history ends before <see cref="PlannedAt"/>, so it never lies in the future.
    /// </summary>
    public ProgrammeParticipation Participation(Programme programme, Organization organization, params (ParticipationStatus Status, int? Stage, DateOnly On)[] steps)
    {
        var last = steps[^1];
        var participation = new ProgrammeParticipation
        {
            Programme = programme,
            Organization = organization,
            Status = last.Status,
            Stage = last.Stage,
            StatusSince = last.On,
            CreatedAt = NotAfterNow(Utc(steps[0].On, new TimeOnly(10, 0))),
            UpdatedAt = NotAfterNow(Utc(last.On, new TimeOnly(10, 0))),
            History = [.. steps.Select(s => new ParticipationChange { Status = s.Status, Stage = s.Stage, EffectiveOn = s.On, RecordedAt = NotAfterNow(Utc(s.On, new TimeOnly(18, 0))) })],
        };
        Participations.Add(participation);
        return participation;
    }

    public void Join(Programme programme, Person person, DateTime joinedAt) =>
        programme.Members.Add(new ProgrammeMember { Person = person, JoinedAt = NotAfterNow(joinedAt) });

    public static void Teach(Offering offering, params Person[] instructors)
    {
        foreach (var person in instructors)
        {
            offering.Instructors.Add(new OfferingInstructor { Person = person });
        }
    }

    public static void AllowOrganizations(Offering offering, IEnumerable<Organization> organizations)
    {
        offering.Eligibility = Eligibility.Organizations;
        foreach (var organization in organizations)
        {
            offering.EligibilityRules.Add(new EligibilityRule { Organization = organization });
        }
    }

    public static void AllowKinds(Offering offering, params OrganizationKind[] kinds)
    {
        offering.Eligibility = Eligibility.OrganizationKinds;
        foreach (var kind in kinds)
        {
            offering.EligibilityRules.Add(new EligibilityRule { OrganizationKind = kind });
        }
    }

    public OfferingPlan Plan(Offering offering)
    {
        offering.Status = OfferingStatus.Published;
        offering.CreatedAt = NotAfterNow((offering.EnrolmentOpensAt ?? PlannedAt).AddDays(-10));
        var plan = new OfferingPlan(offering, Offerings.Count);
        Offerings.Add(plan);
        return plan;
    }

    /// <summary>A request time <paramref name="minDays"/>..<paramref name="maxDays"/> days after <paramref name="from"/>, in office hours.</summary>
    public DateTime RequestTime(DateTime from, int minDays, int maxDays) =>
        from.AddDays(Faker.Random.Int(minDays, maxDays)).AddMinutes(Faker.Random.Int(0, 8 * 60));

    public static string Gendered(string template, bool female)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        while (open >= 0)
        {
            var bar = template.IndexOf('|', open);
            var close = template.IndexOf('}', open);
            var choice = female ? template[(bar + 1)..close] : template[(open + 1)..bar];
            template = string.Concat(template.AsSpan(0, open), choice, template.AsSpan(close + 1));
            open = template.IndexOf('{', StringComparison.Ordinal);
        }

        return template;
    }

    private string NewCpf()
    {
        while (true)
        {
            var nine = Faker.Random.Int(1_000_000, 999_999_999).ToString("D9", CultureInfo.InvariantCulture);
            if (nine.All(c => c == nine[0]))
            {
                continue;
            }

            var cpf = Cpf.FromBase(nine);
            if (cpfs.Add(cpf))
            {
                return cpf;
            }
        }
    }

    private string NewEmail(string first, string last, string domain)
    {
        var local = $"{DemoIdentifiers.Slug(first, '.')}.{DemoIdentifiers.Slug(last, '.')}";
        var email = $"{local}@{domain}";
        for (var n = 2; !emails.Add(email); n++)
        {
            email = string.Create(CultureInfo.InvariantCulture, $"{local}{n}@{domain}");
        }

        return email;
    }

    private string RegistrationNumber(Organization organization)
    {
        if (organization.State == "MG" && organization.Kind == OrganizationKind.StateAgency)
        {
            // MASP: seven digits and a check digit.
            return string.Create(CultureInfo.InvariantCulture, $"{Faker.Random.Int(1_000_000, 1_599_999)}-{Faker.Random.Int(0, 9)}");
        }

        return Faker.Random.Int(1_000, 99_999).ToString(CultureInfo.InvariantCulture);
    }
}
