using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.People;

namespace TrainingHub.BrowserTests.Attendance;

/// <summary>Live check-in as people do it: the instructor opens it and shows the code, a trainee types it on their own device, the roster shows them present.</summary>
public sealed class CheckInScreensTests : BrowserTest
{
    private const string Password = "check-in browser passphrase";
    private static int counter = Environment.ProcessId % 1000 * 1000;

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_instructor_opens_check_in_a_trainee_types_the_code_shown_and_the_roster_shows_them_present(string lang)
    {
        var (sessionId, instructorEmail, traineeEmail, traineeId) = await ArrangeAsync(lang);
        await UseLanguageAsync(lang);
        await SignInWithAsync(Page, instructorEmail);
        // The trainee, on a phone, in a context of their own.
        await using var phone = await TestApp.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = TestApp.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = lang,
            TimezoneId = "America/Sao_Paulo",
        });
        phone.SetDefaultTimeout(10_000);
        await phone.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString($"c={lang}|uic={lang}"), Url = TestApp.BaseAddress.ToString() }]);
        var trainee = await phone.NewPageAsync();
        await SignInWithAsync(trainee, traineeEmail);

        // Before the instructor opens it, the trainee's code is refused as too early, saying so (409, on a phone).
        await trainee.GotoAsync($"/checkin?s={sessionId}");
        await trainee.GetByTestId("checkin-code-input").FillAsync("ACDEFH");
        await trainee.GetByTestId("checkin-submit").ClickAsync();
        await Expect(trainee.GetByTestId("checkin-error"))
            .ToContainTextAsync(lang == "en" ? "has not opened yet" : "ainda não foi aberto");
        await Screenshots.SaveAsync(trainee, "trainee", "checkin-too-early", lang);
        (await trainee.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

        await Page.GotoAsync($"/sessions/{sessionId}/roster");
        await Page.GetByTestId("checkin-link").ClickAsync();
        await Page.Locator("#minutes").FillAsync("15");
        await Page.GetByTestId("open-checkin").ClickAsync();
        var codeBox = Page.GetByTestId("checkin-code");
        await Expect(codeBox).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("checkin-qr")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("checkin-count")).ToContainTextAsync(lang == "en" ? "0 of 1 checked in" : "0 de 1 registraram presença");
        await Screenshots.SaveAsync(Page, "instructor", "checkin-screen", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
        var code = (await codeBox.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Trim();

        await trainee.GotoAsync("/checkin");
        await Expect(trainee.GetByTestId("open-checkins")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(trainee, "trainee", "checkin", lang);
        await Axe.AssertNoSeriousViolationsAsync(trainee);
        await trainee.GetByTestId("checkin-code-input").FillAsync(code.ToLowerInvariant());
        await trainee.GetByTestId("checkin-submit").ClickAsync();
        var result = trainee.GetByTestId("checkin-result");
        await Expect(result).ToHaveAttributeAsync("data-status", "Present");
        await Expect(result).ToHaveAttributeAsync("data-already", "false");
        await Screenshots.SaveAsync(trainee, "trainee", "checkin-done", lang);
        await Axe.AssertNoSeriousViolationsAsync(trainee);

        // The instructor's screen counts it (the script refreshes it), and the roster shows the trainee present.
        await Expect(Page.GetByTestId("checkin-count")).ToContainTextAsync(lang == "en" ? "1 of 1 checked in" : "1 de 1 registraram presença", new() { Timeout = 15_000 });
        await Page.GotoAsync($"/sessions/{sessionId}/roster");
        var row = Page.Locator($"li[data-person='{traineeId}']");
        await Expect(row.Locator("select[data-status]")).ToHaveValueAsync("Present");
        await Expect(row.GetByTestId("checked-in")).ToBeVisibleAsync();
    }

    private static async Task SignInWithAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        // On a phone the navigation is collapsed: wait for the sign-in page to be left instead.
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>A class of its own with a session that started five minutes ago, a new instructor and one seated trainee with accounts.</summary>
    private static async Task<(int SessionId, string Instructor, string Trainee, int TraineeId)> ArrangeAsync(string lang)
    {
        await using var scope = TestApp.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TrainingHubDbContext>();
        var time = sp.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow().UtcDateTime;
        var course = await db.Courses.OrderBy(c => c.Id).FirstAsync();
        var org = await db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        var code = "CK-" + Guid.NewGuid().ToString("N")[..8];
        var offering = new CourseClass
        {
            Code = code,
            Title = (lang == "en" ? "Live check-in class " : "Turma com presença ao vivo ") + code,
            CourseId = course.Id,
            ProgrammeId = course.ProgrammeId,
            StartsOn = DateOnly.FromDateTime(now),
            EndsOn = DateOnly.FromDateTime(now).AddDays(30),
            Status = OfferingStatus.Published,
            CreatedAt = now,
        };
        offering.Sessions.Add(new Session { Title = lang == "en" ? "Opening session" : "Encontro de abertura", StartsAt = now.AddMinutes(-5), EndsAt = now.AddMinutes(115), CreditedMinutes = 120 });
        var people = new[] { "Instrutora Ana Souza", "Carlos Pereira Lima" }.Select(n => new Person
        {
            Cpf = Cpf.FromBase("8" + Interlocked.Increment(ref counter).ToString("D8", CultureInfo.InvariantCulture)),
            FullName = n,
            Email = $"{Guid.NewGuid():N}@example.gov.br",
            OrganizationId = org,
            CreatedAt = now,
            PreferredLanguage = lang,
        }).ToArray();
        db.Offerings.Add(offering);
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        db.OfferingInstructors.Add(new OfferingInstructor { OfferingId = offering.Id, PersonId = people[0].Id });
        db.Enrolments.Add(new TrainingHub.Core.Enrolment.Enrolment { OfferingId = offering.Id, PersonId = people[1].Id, Status = EnrolmentStatus.Confirmed, RequestedAt = now, ConfirmedAt = now });
        offering.ConfirmedCount = 1;
        await db.SaveChangesAsync();

        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        var root = new ReaderScope("browser-tests", null, new HashSet<string> { Roles.Administrator }, null, null);
        var emails = new List<string>();
        foreach (var (person, role) in new[] { (people[0], Roles.Instructor), (people[1], Roles.Trainee) })
        {
            var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.traininghub.local";
            var created = await CreateAccount.HandleAsync(db, users, root, time, new CreateAccountRequest(email, person.FullName, Password, role, null, person.Id, lang), CancellationToken.None);
            created.Succeeded.ShouldBeTrue();
            emails.Add(email);
        }

        return (offering.Sessions[0].Id, emails[0], emails[1], people[1].Id);
    }
}
