using System.Net;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Accounts;

/// <summary>The signed-in person's menu: their account page (profile, how they sign in, tokens) and the privacy page, each about the reader only.</summary>
public sealed class AccountMenuTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task A_trainee_sees_their_own_profile_with_the_cpf_masked_their_roles_and_their_active_tokens()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 2, sessions: 1);
        var (email, me) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[0]);
        var person = await App.WithDbAsync(db => db.People.Where(p => p.Id == me).Select(p => new { p.FullName, p.Cpf, Organization = p.Organization!.Name }).SingleAsync());
        var other = await App.WithDbAsync(db => db.People.Where(p => p.Id == c.People[1]).Select(p => p.FullName).SingleAsync());
        using var browser = NewBrowser();
        await browser.SignInAsync(email, AttendanceKit.Password);

        var (status, page) = await browser.GetPageAsync("/account?culture=en");
        status.ShouldBe(HttpStatusCode.OK);
        var profile = page.QuerySelector("[data-testid=me]")!.TextContent;
        profile.ShouldContain(person.FullName);
        profile.ShouldContain(person.Organization);
        profile.ShouldContain(email);
        profile.ShouldNotContain(other);
        page.QuerySelector("[data-testid=me-cpf]")!.TextContent.ShouldBe(Cpf.Mask(person.Cpf));
        profile.ShouldNotContain(Cpf.Format(person.Cpf));
        page.QuerySelector("[data-testid=me-roles]")!.TextContent.ShouldBe("Trainee");
        page.QuerySelector("[data-testid=me-scope]").ShouldBeNull("a trainee administers nothing");
        page.QuerySelector("[data-testid=me-sign-in]")!.TextContent.ShouldBe("a password");
        page.QuerySelector("[data-testid=me-tokens]")!.TextContent.ShouldBe("0 active tokens.");

        var userId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        (await App.WithDbAsync(db => IssueApiToken.HandleAsync(db, userId, "laptop", 30, App.Clock, CancellationToken.None))).Succeeded.ShouldBeTrue();
        var revoked = (await App.WithDbAsync(db => IssueApiToken.HandleAsync(db, userId, "old", 30, App.Clock, CancellationToken.None))).Value!;
        await App.WithDbAsync(db => db.ApiTokens.Where(k => k.Id == revoked.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.RevokedAt, App.Clock.GetUtcNow().UtcDateTime)));
        (_, page) = await browser.GetPageAsync("/account?culture=pt-BR");
        page.QuerySelector("[data-testid=me-tokens]")!.TextContent.ShouldBe("1 token ativo.");
        page.QuerySelector("[data-testid=me-roles]")!.TextContent.ShouldBe("Participante");

        // Every page of the menu is linked from the layout and opens for the trainee.
        foreach (var item in page.QuerySelectorAll("[data-menu]").Select(a => a.GetAttribute("href")!))
        {
            (await browser.GetPageAsync(item)).Status.ShouldBe(HttpStatusCode.OK, item);
        }

        page.QuerySelectorAll("[data-menu]").Select(a => a.GetAttribute("data-menu")).ShouldBe(["account", "preferences", "password", "tokens", "privacy"]);
    }

    [Test]
    public async Task An_administrator_without_a_person_sees_what_they_administer_and_that_no_records_are_held()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, page) = await browser.GetPageAsync("/account?culture=en");
        page.QuerySelector("[data-testid=me-scope]")!.TextContent.ShouldBe("The whole installation");
        page.QuerySelector("[data-testid=me-no-person]").ShouldNotBeNull();
        page.QuerySelector("[data-testid=me-cpf]").ShouldBeNull();

        var (status, privacy) = await browser.GetPageAsync("/account/privacy?culture=en");
        status.ShouldBe(HttpStatusCode.OK);
        privacy.QuerySelector("[data-testid=no-person]").ShouldNotBeNull();
    }

    [Test]
    public async Task The_privacy_page_counts_the_readers_own_records_and_says_until_when_they_are_kept()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 2, sessions: 2);
        var (email, me) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[0]);
        var attendance = await App.WithDbAsync(db => db.AttendanceRecords.CountAsync(a => a.PersonId == me));
        var enrolments = await App.WithDbAsync(db => db.Enrolments.CountAsync(e => e.PersonId == me));
        using var browser = NewBrowser();
        await browser.SignInAsync(email, AttendanceKit.Password);

        var (status, page) = await browser.GetPageAsync("/account/privacy?culture=en");
        status.ShouldBe(HttpStatusCode.OK);
        var held = page.QuerySelector("[data-testid=privacy-held]")!.TextContent;
        held.ShouldContain(enrolments == 1 ? "1 enrolment." : $"{enrolments} enrolments.");
        held.ShouldContain(attendance == 1 ? "1 attendance record." : $"{attendance} attendance records.");
        held.ShouldContain("0 certificates.");

        // Retention: five years after the last activity (at least the registration, today or later sessions).
        var until = page.QuerySelector("[data-testid=privacy-retention]")!.TextContent;
        until.ShouldContain("5 years after your last activity");
        var date = System.Text.RegularExpressions.Regex.Match(until, @"\d{2}/\d{2}/\d{4}").Value;
        DateOnly.ParseExact(date, "dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(SaoPaulo.Today(App.Clock).AddYears(5));
        page.QuerySelector("[data-testid=my-data]")!.GetAttribute("href").ShouldBe("/account/my-data");

        (_, page) = await browser.GetPageAsync("/account/privacy?culture=pt-BR");
        page.QuerySelector("[data-testid=privacy-held]")!.TextContent.ShouldContain("0 certificados.");
    }

    [Test]
    public async Task The_account_pages_send_someone_signed_out_to_the_sign_in_page()
    {
        using var browser = NewBrowser();
        foreach (var url in new[] { "/account", "/account/privacy" })
        {
            using var response = await browser.Client.GetAsync(new Uri(url, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
            response.Headers.Location!.ToString().ShouldContain("/account/login");
        }
    }
}
