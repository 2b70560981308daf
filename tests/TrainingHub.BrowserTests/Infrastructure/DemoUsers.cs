namespace TrainingHub.BrowserTests;

/// <summary>A demo account, with what its role should see on the home page and in the navigation.</summary>
public sealed record DemoUser(string Key, string Email, string HomeSection, IReadOnlyList<string> Navigation)
{
    /// <summary>The demo seeder's shared passphrase (src/TrainingHub.Core/Seeding/DemoAccounts.cs).</summary>
    public const string Password = "Demo-Passphrase-2026";

    private const string Domain = "demo.traininghub.local";
    private static readonly string[] Teacher = ["home", "justifications", "evaluation-results"];
    private static readonly string[] Learner = ["home", "browse", "my-enrolments", "checkin", "hours", "certificates", "evaluations"];
    private static readonly string[] Reader = ["home", "catalogue", "organizations", "people", "reports", "surveys"];
    private static readonly string[] Manager = ["home", "catalogue", "organizations", "people", "reports", "surveys", "accounts", "imports", "outbox", "jobs"];

    // An organisation's administrator does not see the installation-wide outbox and jobs.
    private static readonly string[] ScopedManager = ["home", "catalogue", "organizations", "people", "reports", "surveys", "accounts", "imports"];

    public static readonly DemoUser Trainee = new("trainee", $"trainee@{Domain}", "trainee-home", Learner);
    public static readonly DemoUser Instructor = new("instructor", $"instructor@{Domain}", "instructor-home", Teacher);
    public static readonly DemoUser Administrator = new("administrator", $"admin@{Domain}", "admin-home", Manager);
    public static readonly DemoUser Auditor = new("auditor", $"auditor@{Domain}", "auditor-home", Reader);
    public static readonly DemoUser ScopedAdministrator = new("scoped-administrator", $"admin.prefeitura@{Domain}", "admin-home", ScopedManager);

    public static readonly IReadOnlyList<string> HomeSections = ["trainee-home", "instructor-home", "admin-home", "auditor-home"];

    public static IEnumerable<TestCaseData> All() =>
        new[] { Trainee, Instructor, Administrator, Auditor, ScopedAdministrator }.Select(u => new TestCaseData(u).SetArgDisplayNames(u.Key));

    public static IEnumerable<TestCaseData> AllInBothLanguages() =>
        from u in new[] { Trainee, Instructor, Administrator, Auditor, ScopedAdministrator }
        from lang in Languages
        select new TestCaseData(u, lang).SetArgDisplayNames(u.Key, lang);

    public static readonly IReadOnlyList<string> Languages = ["pt-BR", "en"];

    public override string ToString() => Key;
}
