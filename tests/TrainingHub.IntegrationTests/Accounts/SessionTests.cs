using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Accounts;

/// <summary>Sessions that end on the server, and a sign-in that tells nobody whether an account exists or is locked.</summary>
public sealed class SessionTests(string provider) : OnBothDatabases(provider)
{
    private const string Passphrase = "a long enough passphrase";

    private async Task<(string Email, string Id)> NewAccountAsync(string role = Roles.Auditor)
    {
        var email = $"session-{Guid.NewGuid():N}@test.traininghub.local";
        await using var scope = App.Scope();
        var sp = scope.ServiceProvider;
        var admin = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
        var result = await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), admin,
            App.Clock, new CreateAccountRequest(email, "Session test", Passphrase, role, null, null, "pt-BR"), CancellationToken.None);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors));
        return (email, result.Value!);
    }

    /// <summary>The sign-in cookie as the server set it: what someone who copied it would replay.</summary>
    private static string AuthCookie(HttpResponseMessage signIn)
    {
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("th.auth=", StringComparison.Ordinal));
    }

    private async Task<HttpStatusCode> ReplayAsync(string cookie)
    {
        using var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/people");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Test]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        var (email, _) = await NewAccountAsync();
        using var browser = NewBrowser();
        var copied = AuthCookie(await browser.SignInAsync(email, Passphrase));
        (await ReplayAsync(copied)).ShouldBe(HttpStatusCode.OK, "the copy works while the session lives");

        var signOut = await browser.SubmitAsync("/account", "/account/logout", new Dictionary<string, string?>());
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ReplayAsync(copied)).ShouldBe(HttpStatusCode.Redirect, "the copied cookie names an ended session");
        (await App.WithDbAsync(db => db.SignInSessions.Where(s => s.User!.Email == email).Select(s => s.EndedAt).SingleAsync())).ShouldNotBeNull();
    }

    [Test]
    public async Task Sign_out_everywhere_ends_every_session_of_the_account_and_only_of_that_account()
    {
        var (email, _) = await NewAccountAsync();
        var (otherEmail, _) = await NewAccountAsync();
        using var laptop = NewBrowser();
        using var phone = NewBrowser();
        using var someoneElse = NewBrowser();
        await laptop.SignInAsync(email, Passphrase);
        var phoneCookie = AuthCookie(await phone.SignInAsync(email, Passphrase));
        var otherCookie = AuthCookie(await someoneElse.SignInAsync(otherEmail, Passphrase));

        var (status, page) = await laptop.GetPageAsync("/account");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=me]")!.TextContent.ShouldContain(email);
        var everywhere = await laptop.SubmitAsync("/account", "/account/logout-everywhere", new Dictionary<string, string?>());
        everywhere.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        everywhere.Headers.Location!.ToString().ShouldBe("/account/login");

        (await laptop.Client.GetAsync(new Uri("/people", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReplayAsync(phoneCookie)).ShouldBe(HttpStatusCode.Redirect, "the phone's session ended too");
        (await ReplayAsync(otherCookie)).ShouldBe(HttpStatusCode.OK, "another account's session is untouched");
    }

    [Test]
    public async Task Unknown_email_wrong_password_and_locked_account_get_the_same_message_in_about_the_same_time()
    {
        var (email, _) = await NewAccountAsync();
        var (lockedEmail, _) = await NewAccountAsync();
        using var browser = NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            await browser.SignInAsync(lockedEmail, "not the right passphrase");
        }

        (await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == lockedEmail))).LockoutEnd.ShouldNotBeNull();

        // Warm up both paths once, then interleave them so load on the machine falls on all three alike.
        var attempts = new (string Kind, string Email, string Password)[]
        {
            ("unknown", $"nobody-{Guid.NewGuid():N}@test.traininghub.local", Passphrase),
            ("wrong", email, "not the right passphrase"),
            ("locked", lockedEmail, Passphrase),
        };
        var times = attempts.ToDictionary(a => a.Kind, _ => new List<double>());
        var messages = new HashSet<string>();
        for (var round = 0; round < 4; round++)
        {
            foreach (var (kind, address, password) in attempts)
            {
                var watch = Stopwatch.StartNew();
                var response = await browser.SignInAsync(address, password);
                watch.Stop();
                response.StatusCode.ShouldBe(HttpStatusCode.OK, kind);
                messages.Add(Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent.Trim());
                if (round > 0)
                {
                    times[kind].Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            // Three wrong passwords per round would lock the account: the right one resets the count between rounds.
            using var owner = NewBrowser();
            (await owner.SignInAsync(email, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        messages.ShouldHaveSingleItem().ShouldContain("E-mail ou senha incorretos");
        var median = times.ToDictionary(kv => kv.Key, kv => kv.Value.Order().ElementAt(kv.Value.Count / 2));
        TestContext.Out.WriteLine(string.Join(", ", median.Select(kv => $"{kv.Key} {kv.Value:0} ms")));
        median["unknown"].ShouldBeGreaterThan(median["wrong"] * 0.4, "an unknown e-mail hashes a password too");
        median["locked"].ShouldBeGreaterThan(median["wrong"] * 0.4, "a locked account hashes a password too");
    }

    [Test]
    public async Task Failed_sign_ins_lock_the_password_but_not_the_api_tokens_an_administrator_lock_stops_both()
    {
        var (email, id) = await NewAccountAsync();
        var token = ApiTokenFormat.NewToken();
        await App.WithDbAsync(async db =>
        {
            db.ApiTokens.Add(new ApiToken { UserId = id, Name = "integration", Prefix = ApiTokenFormat.PrefixOf(token), TokenHash = ApiTokenFormat.Hash(token), CreatedAt = App.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });
        using var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var stranger = NewBrowser();
        for (var i = 0; i < 6; i++)
        {
            await stranger.SignInAsync(email, "someone guessing");
        }

        (await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id))).LockoutEnd!.Value.ShouldBeGreaterThan(App.Clock.GetUtcNow());
        (await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK, "typing wrong passwords for someone's e-mail does not switch off their integrations");

        using var admin = NewBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var locked = await admin.SubmitAsync("/accounts?search=" + Uri.EscapeDataString(email), $"/accounts/{id}/role", new Dictionary<string, string?> { ["role"] = Roles.Auditor, ["locked"] = "true" });
        locked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "an administrator's lock stops the tokens");
    }
}
