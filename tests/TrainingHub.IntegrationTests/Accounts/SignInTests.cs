using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Accounts;

public sealed class SignInTests(string provider) : OnBothDatabases(provider)
{
    private async Task<string> NewAccountAsync(string role, string password = "a long enough passphrase")
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.traininghub.local";
        await using var scope = App.Scope();
        var sp = scope.ServiceProvider;
        var admin = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
        var result = await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), admin,
            App.Clock, new CreateAccountRequest(email, "Test " + role, password, role, null, null, "pt-BR"), CancellationToken.None);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors));
        return email;
    }

    [Test]
    public async Task The_first_administrator_from_configuration_signs_in_and_sees_the_programmes()
    {
        using var browser = NewBrowser();
        var response = await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (status, html) = await browser.GetPageAsync("/");
        status.ShouldBe(HttpStatusCode.OK);
        html.QuerySelector("[data-testid=admin-home]").ShouldNotBeNull();
        html.QuerySelectorAll("[data-testid=programmes] tbody tr").Length.ShouldBeGreaterThanOrEqualTo(5, "the five seed programmes");
        html.QuerySelector("a[data-nav=accounts]").ShouldNotBeNull();
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await NewAccountAsync(Roles.Trainee);
        using var browser = NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.SignInAsync(email, "not the right passphrase");
            wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
            var text = Browser.Parse(await wrong.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent;
            text.ShouldContain("E-mail ou senha incorretos, ou a conta está bloqueada");
        }

        var right = await browser.SignInAsync(email, "a long enough passphrase");
        right.StatusCode.ShouldBe(HttpStatusCode.OK, "a locked account is not signed in");
        Browser.Parse(await right.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent.ShouldContain("E-mail ou senha incorretos, ou a conta está bloqueada", Case.Sensitive, "the same words as for any failure");
        var locked = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        locked.LockoutEnd.ShouldNotBeNull();
        locked.LockoutEnd!.Value.ShouldBeGreaterThan(App.Clock.GetUtcNow().AddMinutes(14));
    }

    [Test]
    public async Task A_short_password_is_refused_with_a_clear_message_and_creates_nothing()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var email = $"short-{Guid.NewGuid():N}@test.traininghub.local";
        var before = await App.WithDbAsync(db => db.Users.CountAsync());
        var response = await browser.SubmitAsync("/accounts/new", "/accounts/new", new Dictionary<string, string?>
        {
            ["Form.Email"] = email,
            ["Form.DisplayName"] = "Short",
            ["Form.Password"] = "short pass",
            ["Form.Role"] = Roles.Trainee,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = Browser.Parse(await response.Content.ReadAsStringAsync());
        var message = html.QuerySelector("[data-valmsg-for='Form.Password']")!.TextContent;
        message.ShouldContain("A senha é curta demais: use pelo menos 12 caracteres.");
        message.Split("curta demais").Length.ShouldBe(2, "the policy message appears once, not inside itself");
        (await App.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(before);
    }

    [TestCase("password1234", "pt-BR", "Esta senha é fácil demais de adivinhar")]
    [TestCase("qwertyuiop123", "en", "This password is too easy to guess")]
    [TestCase("senha12345678", "pt-BR", "Esta senha é fácil demais de adivinhar")]
    public async Task A_common_password_of_twelve_characters_or_more_is_refused_once_in_the_readers_language(string password, string language, string expected)
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var email = $"common-{Guid.NewGuid():N}@test.traininghub.local";
        var (_, page) = await browser.GetPageAsync("/accounts/new");
        var response = await browser.PostAsync("/accounts/new?culture=" + language, new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("form[action='/accounts/new'] input[name=__RequestVerificationToken]")!.GetAttribute("value"),
            ["Form.Email"] = email,
            ["Form.DisplayName"] = "Common",
            ["Form.Password"] = password,
            ["Form.Role"] = Roles.Trainee,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Form.Password']")!.TextContent.Trim();
        message.ShouldStartWith(expected);
        message.Split(expected).Length.ShouldBe(2, "once");
        (await App.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email))).ShouldBeFalse();
    }

    [TestCase(Roles.Trainee)]
    [TestCase(Roles.Instructor)]
    [TestCase(Roles.Administrator)]
    public async Task A_second_account_for_a_person_is_a_conflict_naming_the_person_field(string secondRole)
    {
        var personId = await App.WithDbAsync(db => db.People.Where(p => p.AnonymizedAt == null && !db.Users.Any(u => u.PersonId == p.Id)).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        await using (var scope = App.Scope())
        {
            var sp = scope.ServiceProvider;
            var admin = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
            var first = await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), admin, App.Clock,
                new CreateAccountRequest($"first-{Guid.NewGuid():N}@test.traininghub.local", "First", "a long enough passphrase", Roles.Trainee, null, personId, "pt-BR"), CancellationToken.None);
            first.Succeeded.ShouldBeTrue(string.Join(", ", first.Errors));
        }

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var email = $"second-{Guid.NewGuid():N}@test.traininghub.local";
        var response = await browser.SubmitAsync("/accounts/new", "/accounts/new", new Dictionary<string, string?>
        {
            ["Form.Email"] = email,
            ["Form.DisplayName"] = "Second",
            ["Form.Password"] = "a long enough passphrase",
            ["Form.Role"] = secondRole,
            ["Form.PersonId"] = personId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Form.PersonId']")!.TextContent.ShouldContain("Esta pessoa já tem uma conta");
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.PersonId == personId))).ShouldBe(1);
    }

    [Test]
    public async Task A_long_passphrase_is_accepted()
    {
        var email = await NewAccountAsync(Roles.Trainee, "correct horse battery staple and a bit more, with spaces and acentuação");
        using var browser = NewBrowser();
        (await browser.SignInAsync(email, "correct horse battery staple and a bit more, with spaces and acentuação")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task A_role_change_reaches_a_signed_in_user_within_a_minute()
    {
        var email = await NewAccountAsync(Roles.Administrator);
        using var browser = NewBrowser();
        await browser.SignInAsync(email, "a long enough passphrase");
        (await browser.GetPageAsync("/people")).Status.ShouldBe(HttpStatusCode.OK);

        using var admin = NewBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var id = await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var change = await admin.SubmitAsync("/accounts?search=" + Uri.EscapeDataString(email), $"/accounts/{id}/role", new Dictionary<string, string?> { ["role"] = Roles.Trainee });
        change.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        App.Clock.Advance(TimeSpan.FromSeconds(61));
        var after = await browser.Client.GetAsync(new Uri("/people", UriKind.Relative));
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    [Test]
    public async Task A_session_ends_after_thirty_idle_minutes()
    {
        var email = await NewAccountAsync(Roles.Auditor);
        using var browser = NewBrowser();
        await browser.SignInAsync(email, "a long enough passphrase");
        App.Clock.Advance(TimeSpan.FromMinutes(20));
        (await browser.GetPageAsync("/people")).Status.ShouldBe(HttpStatusCode.OK, "20 minutes idle is fine");
        App.Clock.Advance(TimeSpan.FromMinutes(31));
        var response = await browser.Client.GetAsync(new Uri("/people", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Test]
    public async Task A_session_ends_twelve_hours_after_sign_in_even_when_active()
    {
        var email = await NewAccountAsync(Roles.Auditor);
        using var browser = NewBrowser();
        await browser.SignInAsync(email, "a long enough passphrase");
        for (var i = 0; i < 28; i++)
        {
            App.Clock.Advance(TimeSpan.FromMinutes(25));
            (await browser.GetPageAsync("/people")).Status.ShouldBe(HttpStatusCode.OK, $"active after {(i + 1) * 25} minutes");
        }

        App.Clock.Advance(TimeSpan.FromMinutes(25));
        var response = await browser.Client.GetAsync(new Uri("/people", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "past 12 hours");
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Test]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var response = await browser.PostAsync("/organizations/new", new Dictionary<string, string?> { ["Form.Name"] = "CSRF", ["Form.Kind"] = "Council" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await App.WithDbAsync(db => db.Organizations.AnyAsync(o => o.Name == "CSRF"))).ShouldBeFalse();
    }

    [Test]
    public async Task Each_role_sees_only_its_navigation()
    {
        foreach (var (role, expected) in new[]
        {
            (Roles.Trainee, new[] { "home", "browse", "my-enrolments", "checkin", "hours", "certificates", "evaluations" }),
            (Roles.Instructor, ["home", "justifications", "evaluation-results"]),
            (Roles.Auditor, ["home", "catalogue", "organizations", "people", "reports", "surveys"]),
            (Roles.Administrator, ["home", "catalogue", "organizations", "people", "reports", "surveys", "accounts", "imports", "outbox", "jobs"]),
        })
        {
            var email = await NewAccountAsync(role);
            using var browser = NewBrowser();
            await browser.SignInAsync(email, "a long enough passphrase");
            var (_, html) = await browser.GetPageAsync("/");
            html.QuerySelectorAll("a[data-nav]").Select(a => a.GetAttribute("data-nav")).ShouldBe(expected, role);
            html.QuerySelectorAll("a[data-menu]").Select(a => a.GetAttribute("data-menu")).ShouldBe(["account", "preferences", "password", "tokens", "privacy"], role);
            (await browser.GetPageAsync("/accounts")).Status.ShouldBe(role == Roles.Administrator ? HttpStatusCode.OK : HttpStatusCode.Redirect, role);
        }
    }
}
