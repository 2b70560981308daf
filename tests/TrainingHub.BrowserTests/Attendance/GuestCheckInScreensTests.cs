using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.BrowserTests.Attendance;

/// <summary>
/// An open event as it happens: the instructor marks the session open and shows the code; a guest without an account
/// checks in on a 375 px phone with CPF, name, e-mail and organisation; the roster lists the guest.
/// </summary>
public sealed class GuestCheckInScreensTests : BrowserTest
{
    private const string Password = "open event browser passphrase";
    private static int counter = Environment.ProcessId % 1000 * 1000 + 500;

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task A_guest_checks_in_on_a_phone_with_the_code_shown_and_the_roster_lists_them(string lang)
    {
        var (sessionId, instructorEmail, organization) = await ArrangeAsync(lang);
        await UseLanguageAsync(lang);
        await Page.GotoAsync("/account/login");
        await Page.Locator("#Email").FillAsync(instructorEmail);
        await Page.Locator("#Password").FillAsync(Password);
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));

        await Page.GotoAsync($"/sessions/{sessionId}/checkin");
        await Page.GetByTestId("open-event-toggle").ClickAsync();
        await Expect(Page.GetByTestId("open-event-on")).ToBeVisibleAsync();
        await Page.GetByTestId("open-checkin").ClickAsync();
        var codeBox = Page.GetByTestId("checkin-code");
        await Expect(codeBox).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("checkin-url")).ToContainTextAsync("/checkin/guest");
        await Screenshots.SaveAsync(Page, "instructor", "open-event-screen", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
        var code = (await codeBox.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Trim();

        // The guest, on a 375 px phone, without an account.
        await using var phone = await TestApp.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = TestApp.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 375, Height = 812 },
            Locale = lang,
            TimezoneId = "America/Sao_Paulo",
        });
        phone.SetDefaultTimeout(10_000);
        await phone.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString($"c={lang}|uic={lang}"), Url = TestApp.BaseAddress.ToString() }]);
        var guest = await phone.NewPageAsync();
        await guest.GotoAsync($"/checkin/guest?s={sessionId}");
        await Expect(guest.GetByTestId("guest-target")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(guest, "guest", "guest-checkin", lang);
        await Axe.AssertNoSeriousViolationsAsync(guest);
        (await guest.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);

        // A mistyped CPF: refused on its field, nothing else lost.
        var cpf = Cpf.FromBase("7" + Interlocked.Increment(ref counter).ToString("D8", CultureInfo.InvariantCulture));
        await guest.GetByTestId("guest-code").FillAsync(code.ToLowerInvariant());
        await guest.GetByTestId("guest-cpf").FillAsync(cpf[..10] + (cpf[10] == '0' ? "1" : "0"));
        await guest.GetByTestId("guest-name").FillAsync(lang == "en" ? "Joana Guest Pereira" : "Joana Convidada Pereira");
        await guest.GetByTestId("guest-email").FillAsync($"joana.{Guid.NewGuid():N}@prefeitura.example.gov.br");
        await guest.GetByTestId("guest-org-search").FillAsync(organization.Name[..Math.Min(12, organization.Name.Length)]);
        await guest.GetByTestId("guest-org").SelectOptionAsync(organization.Id.ToString(CultureInfo.InvariantCulture));
        await guest.GetByTestId("guest-submit").ClickAsync();
        await Expect(guest.GetByTestId("guest-cpf-error")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(guest, "guest", "guest-checkin-error", lang);
        (await guest.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);

        code = (await codeBox.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Trim();
        await guest.GetByTestId("guest-code").FillAsync(code);
        await guest.GetByTestId("guest-cpf").FillAsync(Cpf.Format(cpf));
        await guest.GetByTestId("guest-submit").ClickAsync();
        var result = guest.GetByTestId("guest-result");
        await Expect(result).ToHaveAttributeAsync("data-already", "false");
        await Expect(result).ToContainTextAsync(lang == "en" ? "is recorded" : "foi registrada");
        await Screenshots.SaveAsync(guest, "guest", "guest-checkin-done", lang);
        await Axe.AssertNoSeriousViolationsAsync(guest);
        (await guest.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);

        // The instructor's screen counts guests without "of how many seated" (they hold no seat).
        await Expect(Page.GetByTestId("checkin-count")).ToContainTextAsync(lang == "en" ? "1 checked in" : "1 pessoa registrou presença", new() { Timeout = 15_000 });

        // The roster lists the guest apart from the seated people.
        await Page.GotoAsync($"/sessions/{sessionId}/roster");
        var guests = Page.GetByTestId("roster-guests");
        await Expect(guests).ToContainTextAsync(lang == "en" ? "Joana Guest Pereira" : "Joana Convidada Pereira");
        await Expect(guests).ToContainTextAsync(organization.Name);
        await Screenshots.SaveAsync(Page, "instructor", "roster-guests", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    /// <summary>A webinar series of its own with a session that started five minutes ago and a new instructor with an account.</summary>
    private static async Task<(int SessionId, string Instructor, Organization Organization)> ArrangeAsync(string lang)
    {
        await using var scope = TestApp.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TrainingHubDbContext>();
        var time = sp.GetRequiredService<TimeProvider>();
        var now = time.GetUtcNow().UtcDateTime;
        var org = await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.CityHall && o.IsActive).OrderBy(o => o.Id).FirstAsync();
        var code = "OE-" + Guid.NewGuid().ToString("N")[..8];
        var series = new WebinarSeries
        {
            Code = code,
            Title = (lang == "en" ? "Open webinar " : "Webinário aberto ") + code,
            StartsOn = DateOnly.FromDateTime(now),
            EndsOn = DateOnly.FromDateTime(now).AddMonths(1),
            Status = OfferingStatus.Published,
            CreatedAt = now,
            ChannelUrl = "https://video.example.gov.br/canal",
        };
        series.Sessions.Add(new Session { Title = lang == "en" ? "Onboarding presentation" : "Apresentação aos municípios", StartsAt = now.AddMinutes(-5), EndsAt = now.AddMinutes(85), CreditedMinutes = 90 });
        var instructor = new Person
        {
            Cpf = Cpf.FromBase("7" + Interlocked.Increment(ref counter).ToString("D8", CultureInfo.InvariantCulture)),
            FullName = "Instrutora Beatriz Lopes",
            Email = $"{Guid.NewGuid():N}@example.gov.br",
            OrganizationId = org.Id,
            CreatedAt = now,
            PreferredLanguage = lang,
        };
        db.Offerings.Add(series);
        db.People.Add(instructor);
        await db.SaveChangesAsync();
        db.OfferingInstructors.Add(new OfferingInstructor { OfferingId = series.Id, PersonId = instructor.Id });
        await db.SaveChangesAsync();

        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        var root = new ReaderScope("browser-tests", null, new HashSet<string> { Roles.Administrator }, null, null);
        var email = $"instructor-{Guid.NewGuid():N}@test.traininghub.local";
        (await CreateAccount.HandleAsync(db, users, root, time, new CreateAccountRequest(email, instructor.FullName, Password, Roles.Instructor, null, instructor.Id, lang), CancellationToken.None))
            .Succeeded.ShouldBeTrue();
        return (series.Sessions[0].Id, email, org);
    }
}
