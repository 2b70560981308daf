using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Notifications;

namespace TrainingHub.IntegrationTests.Accounts;

/// <summary>Forgot, reset and change password, read back from a real SMTP server.</summary>
public sealed partial class PasswordTests(string provider) : MailFixture(provider)
{
    private const string Passphrase = "a long enough passphrase";
    private const string NewPassphrase = "lilac harbour under quiet rain";

    [GeneratedRegex(@"/account/reset\?u=[^\s""<>)\]]+")]
    private static partial Regex ResetLink();

    private async Task<(string Email, string Id)> NewAccountAsync(string language = "pt-BR")
    {
        var email = $"password-{Guid.NewGuid():N}@test.traininghub.local";
        await using var scope = App.Scope();
        var sp = scope.ServiceProvider;
        var admin = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
        var result = await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), admin,
            App.Clock, new CreateAccountRequest(email, "Maria Reset", Passphrase, Roles.Trainee, null, null, language), CancellationToken.None);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors));
        return (email, result.Value!);
    }

    private async Task<string> ForgotAsync(Browser browser, string email)
    {
        var response = await browser.SubmitAsync("/account/forgot", "/account/forgot", new Dictionary<string, string?> { ["Email"] = email });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=forgot-sent]")!.TextContent.Replace(email, "<e-mail>", StringComparison.Ordinal);
    }

    private async Task<(string Subject, string Text, string Link)> ReceivedLinkAsync(string email, int expected = 1)
    {
        await FollowUpKit.DispatchAsync(App, Mail.SmtpPort);
        var mails = await Mail.ForAsync(email, expected);
        mails.Count.ShouldBe(expected);
        var mail = mails[^1];
        var text = mail.GetProperty("text").GetString()!;
        return (mail.GetProperty("subject").GetString()!, text, WebUtility.HtmlDecode(ResetLink().Match(text).Value));
    }

    private async Task<HttpResponseMessage> ResetAsync(Browser browser, string link, string password)
    {
        var (_, page) = await browser.GetPageAsync(link);
        var form = page.QuerySelector("form[action='/account/reset']")!;
        return await browser.PostAsync("/account/reset", new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"),
            ["UserId"] = form.QuerySelector("input[name=UserId]")!.GetAttribute("value"),
            ["Token"] = form.QuerySelector("input[name=Token]")!.GetAttribute("value"),
            ["NewPassword"] = password,
        });
    }

    [Test]
    public async Task Forgot_password_answers_the_same_for_an_unknown_address_and_a_reset_link_works_once_and_signs_out_every_session()
    {
        var (email, _) = await NewAccountAsync();
        using var oldSession = NewBrowser();
        (await oldSession.SignInAsync(email, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var browser = NewBrowser();
        var unknown = $"nobody-{Guid.NewGuid():N}@test.traininghub.local";
        (await ForgotAsync(browser, email)).ShouldBe(await ForgotAsync(browser, unknown), "the page tells nobody whether the address has an account");

        var (subject, text, link) = await ReceivedLinkAsync(email);
        subject.ShouldBe("TrainingHub: escolha uma nova senha");
        text.ShouldContain("funciona uma única vez");
        link.ShouldStartWith("/account/reset?u=");
        (await Mail.ForAsync(unknown, 0)).ShouldBeEmpty();
        (await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == email).Select(m => m.IdempotencyKey).SingleAsync())).ShouldStartWith("PasswordResetLink:");

        var common = await ResetAsync(browser, link, "password1234");
        common.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the new password follows the same rules");
        var reset = await ResetAsync(browser, link, NewPassphrase);
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        reset.Headers.Location!.ToString().ShouldBe("/account/login");

        (await oldSession.Client.GetAsync(new Uri("/enrolments/mine", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the session from before the reset ended");
        using (var again = NewBrowser())
        {
            (await again.SignInAsync(email, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.OK, "the old password no longer works");
            (await again.SignInAsync(email, NewPassphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var replay = await ResetAsync(browser, link, "another fine passphrase indeed");
        replay.StatusCode.ShouldBe(HttpStatusCode.Conflict, "a link works once");
        Browser.Parse(await replay.Content.ReadAsStringAsync()).QuerySelector("[data-testid=link-error]")!.TextContent.ShouldContain("Este link não vale mais");
    }

    [Test]
    public async Task A_reset_link_expires_after_two_hours_and_an_altered_one_is_refused()
    {
        var (email, _) = await NewAccountAsync("en");
        using var browser = NewBrowser();
        await ForgotAsync(browser, email);
        var (subject, _, link) = await ReceivedLinkAsync(email);
        subject.ShouldBe("TrainingHub: choose a new password", "the account's language");

        var altered = await ResetAsync(browser, link[..^3] + (link[^3..] == "AAA" ? "BBB" : "AAA"), NewPassphrase);
        altered.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        App.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        (await ResetAsync(browser, link, NewPassphrase)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "expired");
        using var signIn = NewBrowser();
        (await signIn.SignInAsync(email, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "nothing changed");
    }

    [Test]
    public async Task At_most_three_links_an_hour_go_to_one_account()
    {
        var (email, _) = await NewAccountAsync();
        using var browser = NewBrowser();
        var answers = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await ForgotAsync(browser, email));
        }

        answers.ShouldHaveSingleItem("the fourth request gets the same answer");
        (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email))).ShouldBe(PasswordReset.PerHour);
        App.Clock.Advance(TimeSpan.FromMinutes(61));
        await ForgotAsync(browser, email);
        (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email))).ShouldBe(PasswordReset.PerHour + 1);
    }

    [Test]
    public async Task Changing_the_password_needs_the_current_one_and_signs_out_the_other_devices()
    {
        var (email, _) = await NewAccountAsync();
        using var laptop = NewBrowser();
        using var phone = NewBrowser();
        await laptop.SignInAsync(email, Passphrase);
        await phone.SignInAsync(email, Passphrase);

        var wrong = await laptop.SubmitAsync("/account/password", "/account/password", new Dictionary<string, string?> { ["CurrentPassword"] = "not my passphrase at all", ["NewPassword"] = NewPassphrase });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Browser.Parse(await wrong.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for=CurrentPassword]")!.TextContent.ShouldContain("A senha está incorreta");

        // A wrong current password and a short new one: both named at once, not one per attempt.
        var both = await laptop.SubmitAsync("/account/password", "/account/password", new Dictionary<string, string?> { ["CurrentPassword"] = "not my passphrase at all", ["NewPassword"] = "curta" });
        both.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var bothPage = Browser.Parse(await both.Content.ReadAsStringAsync());
        bothPage.QuerySelector("[data-valmsg-for=CurrentPassword]")!.TextContent.ShouldContain("A senha está incorreta");
        bothPage.QuerySelector("[data-valmsg-for=NewPassword]")!.TextContent.ShouldNotBeNullOrWhiteSpace();

        var changed = await laptop.SubmitAsync("/account/password", "/account/password", new Dictionary<string, string?> { ["CurrentPassword"] = Passphrase, ["NewPassword"] = NewPassphrase });
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await laptop.GetPageAsync("/account")).Status.ShouldBe(HttpStatusCode.OK, "this device stays signed in");
        (await phone.Client.GetAsync(new Uri("/account", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the other device was signed out");
        using var again = NewBrowser();
        (await again.SignInAsync(email, NewPassphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task An_administrator_sends_a_reset_link_and_never_sees_the_password()
    {
        var (email, id) = await NewAccountAsync();
        using var admin = NewBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, list) = await admin.GetPageAsync("/accounts?search=" + Uri.EscapeDataString(email));
        list.QuerySelectorAll("input[type=password]").ShouldBeEmpty();
        var sent = await admin.SubmitAsync("/accounts?search=" + Uri.EscapeDataString(email), $"/accounts/{id}/reset-link", new Dictionary<string, string?>());
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, text, link) = await ReceivedLinkAsync(email);
        text.ShouldContain("Um administrador de capacitação enviou este link");
        using var person = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var browser = new Browser(person);
        (await ResetAsync(browser, link, NewPassphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Every_account_event_is_in_the_audit_trail_with_its_actor_and_no_secret()
    {
        var (email, id) = await NewAccountAsync();
        using (var device = NewBrowser())
        {
            await device.SignInAsync(email, Passphrase);
            (await device.SubmitAsync("/account", "/account/logout", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var laptop = NewBrowser();
        using var phone = NewBrowser();
        await laptop.SignInAsync(email, Passphrase);
        await phone.SignInAsync(email, Passphrase);
        (await laptop.SubmitAsync("/account/password", "/account/password", new Dictionary<string, string?> { ["CurrentPassword"] = Passphrase, ["NewPassword"] = NewPassphrase }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await laptop.SubmitAsync("/account", "/account/logout-everywhere", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var admin = NewBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        (await admin.SubmitAsync("/accounts?search=" + Uri.EscapeDataString(email), $"/accounts/{id}/reset-link", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, _, link) = await ReceivedLinkAsync(email);
        using var browser = NewBrowser();
        (await ResetAsync(browser, link, "another fine passphrase indeed")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var entries = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(ApplicationUser) && e.EntityId == id && e.Action != "Added" && e.Action != "Modified")
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorUserId, e.ActorName, e.AfterJson }).ToListAsync());
        entries.Select(e => e.Action).ShouldBe(
        [
            AccountAudit.SignIn, AccountAudit.SignOut, AccountAudit.SignIn, AccountAudit.SignIn,
            AccountAudit.PasswordChange, AccountAudit.SignIn, AccountAudit.SignOutEverywhere, AccountAudit.ResetLinkSent, AccountAudit.PasswordReset,
        ]);
        entries.Where(e => e.Action != AccountAudit.ResetLinkSent).ShouldAllBe(e => e.ActorUserId == id && e.ActorName == "Maria Reset");
        var sentBy = entries.Single(e => e.Action == AccountAudit.ResetLinkSent);
        sentBy.ActorUserId.ShouldNotBe(id, "the administrator sent the link");
        sentBy.AfterJson.ShouldBe("""{"byAdministrator":true}""");
        entries.Single(e => e.Action == AccountAudit.PasswordChange).AfterJson.ShouldBe("""{"sessionsEnded":2}""", "the phone's and this device's, which starts again");
        var written = string.Join("\n", entries.Select(e => e.AfterJson));
        foreach (var secret in new[] { Passphrase, NewPassphrase, "another fine passphrase indeed", link, Uri.UnescapeDataString(link.Split("t=")[1]) })
        {
            written.ShouldNotContain(secret);
        }

        await App.SealAuditAsync();
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }
}
