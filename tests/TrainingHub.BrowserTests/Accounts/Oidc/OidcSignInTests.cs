using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Core.Data;

namespace TrainingHub.BrowserTests.Accounts.Oidc;

/// <summary>
/// Sign-in with gov.br in Chromium against a real OpenID Connect server: a person who exists only as a registered
/// (imported) row gets an account on their first sign-in; an unknown CPF, a tampered state and a replayed code are
/// refused with a message on the sign-in page.
/// </summary>
public sealed class OidcSignInTests
{
    private const string FailedPt = "Não foi possível entrar com gov.br";
    private const string FailedEn = "Signing in with gov.br did not work";

    private IBrowserContext? context;

    private IPage Page { get; set; } = null!;

    [SetUp]
    public async Task OpenAsync()
    {
        context = await TestApp.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = OidcApp.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "pt-BR",
            TimezoneId = "America/Sao_Paulo",
        });
        context.SetDefaultTimeout(20_000);
        Page = await context.NewPageAsync();
    }

    [TearDown]
    public async Task CloseAsync()
    {
        if (context is not null)
        {
            await context.CloseAsync();
        }
    }

    /// <summary>A demo person without an account (a different one per caller), as the people import leaves them.</summary>
    private static async Task<(string Cpf, string Name, int Id)> PersonWithoutAccountAsync(int which)
    {
        await using var scope = OidcApp.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var person = await db.People.AsNoTracking()
            .Where(p => p.AnonymizedAt == null && !db.Users.Any(u => u.PersonId == p.Id))
            .OrderBy(p => p.Id).Skip(which).Select(p => new { p.Cpf, p.FullName, p.Id }).FirstAsync();
        return (person.Cpf, person.FullName, person.Id);
    }

    private async Task UseLanguageAsync(string lang)
    {
        var cookie = Uri.EscapeDataString($"c={lang}|uic={lang}");
        await Page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = cookie, Url = OidcApp.BaseAddress.ToString() }]);
    }

    /// <summary>On the provider's pages: signs in as <paramref name="login"/> (its subject, as gov.br's is the CPF) and consents, until the browser is back at the app.</summary>
    private async Task ThroughProviderAsync(string login)
    {
        await Page.WaitForURLAsync(u => u.StartsWith(OidcApp.Provider.ToString(), StringComparison.Ordinal));
        await Page.Locator("input[name=login]").FillAsync(login);
        await Page.Locator("input[name=password]").FillAsync("any password the test provider accepts");
        await Page.Locator("button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(u => u.StartsWith(OidcApp.BaseAddress.ToString(), StringComparison.Ordinal) || u.Contains("/interaction/", StringComparison.Ordinal) && !u.EndsWith("/login", StringComparison.Ordinal));
        if (Page.Url.StartsWith(OidcApp.Provider.ToString(), StringComparison.Ordinal) && await Page.Locator("input[name=prompt][value=consent]").CountAsync() > 0)
        {
            await Page.Locator("button[type=submit]").ClickAsync();
        }

        await Page.WaitForURLAsync(u => u.StartsWith(OidcApp.BaseAddress.ToString(), StringComparison.Ordinal));
        await Page.WaitForLoadStateAsync();
    }

    /// <summary>
    /// Lets <paramref name="change"/> rewrite the provider's answer (the redirect to /signin-oidc) before the browser
    /// follows it. Playwright routes only the first request of a redirect chain, so each navigation's chain is walked
    /// here with the context's own request client (same cookies), and the browser sent on to where it ends (the
    /// provider's pages fetched once more by the browser) or to the changed callback.
    /// </summary>
    private async Task InterceptCallbackAsync(Func<string, string> change)
    {
        var callback = OidcApp.BaseAddress + "signin-oidc?";
        await Page.RouteAsync(_ => true, async route =>
        {
            if (!route.Request.IsNavigationRequest || route.Request.Url.StartsWith(callback, StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync(new RouteFetchOptions { MaxRedirects = 0 });
            for (var hop = 0; response.Status is >= 300 and < 400 && hop < 10; hop++)
            {
                var location = new Uri(new Uri(response.Url), response.Headers["location"]).ToString();
                if (location.StartsWith(callback, StringComparison.Ordinal))
                {
                    await route.FulfillAsync(new RouteFulfillOptions { Status = 302, Headers = new Dictionary<string, string> { ["Location"] = change(location) } });
                    return;
                }

                response = await Page.Context.APIRequest.GetAsync(location, new APIRequestContextOptions { MaxRedirects = 0 });
            }

            if (response.Url == route.Request.Url)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Response = response });
                return;
            }

            // The chain ended elsewhere (the provider's sign-in or consent page): the browser goes there itself, so
            // its address bar and forms are that page's.
            await route.FulfillAsync(new RouteFulfillOptions { Status = 302, Headers = new Dictionary<string, string> { ["Location"] = response.Url } });
        });
    }

    [TestCase("pt-BR", 0)]
    [TestCase("en", 1)]
    public async Task A_registered_person_without_an_account_signs_in_with_govbr_and_gets_one(string lang, int which)
    {
        var person = await PersonWithoutAccountAsync(which);
        await UseLanguageAsync(lang);
        await Page.GotoAsync("/account/login?returnUrl=%2Fenrolments%2Fmine");
        var button = Page.Locator("[data-testid=external-login]");
        await Assertions.Expect(button).ToHaveTextAsync(lang == "en" ? "Sign in with gov.br" : "Entrar com gov.br");
        await Screenshots.SaveAsync(Page, "anonymous", "login-govbr", lang);
        await button.ClickAsync();
        await ThroughProviderAsync(person.Cpf);

        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(OidcApp.BaseAddress, "/enrolments/mine").ToString(), new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(Page, "trainee", "after-govbr-sign-in", lang);

        await using var scope = OidcApp.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var accounts = await db.Users.AsNoTracking().Where(u => u.PersonId == person.Id).Select(u => new { u.Id, u.PasswordHash }).ToListAsync();
        accounts.Count.ShouldBe(1, "one account, created by the first sign-in");
        accounts[0].PasswordHash.ShouldBeNull();
        (await db.UserLogins.CountAsync(l => l.UserId == accounts[0].Id)).ShouldBe(1);
    }

    [TestCase("pt-BR", "Seu CPF ainda não está cadastrado aqui")]
    [TestCase("en", "Your CPF is not registered here yet")]
    public async Task An_unknown_CPF_comes_back_to_the_sign_in_page_saying_what_to_do(string lang, string message)
    {
        await UseLanguageAsync(lang);
        await Page.GotoAsync("/account/login");
        await Page.Locator("[data-testid=external-login]").ClickAsync();
        await ThroughProviderAsync("529.982.247-25");
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(OidcApp.BaseAddress, "/account/login?external=failed").ToString(), new() { Timeout = 30_000 });
        await Assertions.Expect(Page.Locator("[role=alert]").First).ToContainTextAsync(message);
        await Screenshots.SaveAsync(Page, "anonymous", "login-govbr-unknown-cpf", lang);
    }

    [Test]
    public async Task A_tampered_state_is_refused_and_nobody_is_signed_in()
    {
        var person = await PersonWithoutAccountAsync(2);
        // The provider's answer, as it reaches the app, with another state: sent on as a redirect, like a forged link.
        await InterceptCallbackAsync(url => System.Text.RegularExpressions.Regex.Replace(url, "state=[^&]*", "state=CfDJ8tampered"));
        await Page.GotoAsync("/account/login");
        await Page.Locator("[data-testid=external-login]").ClickAsync();
        await ThroughProviderAsync(person.Cpf);
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(OidcApp.BaseAddress, "/account/login?external=failed").ToString(), new() { Timeout = 30_000 });
        await Assertions.Expect(Page.Locator("[role=alert]").First).ToContainTextAsync(FailedPt);
        (await context!.CookiesAsync()).ShouldNotContain(c => c.Name.StartsWith("th.auth", StringComparison.Ordinal));
    }

    [Test]
    public async Task A_replayed_code_is_refused()
    {
        var person = await PersonWithoutAccountAsync(3);
        await UseLanguageAsync("en");
        string? firstCode = null;
        await InterceptCallbackAsync(url =>
        {
            var code = System.Web.HttpUtility.ParseQueryString(new Uri(url).Query)["code"];
            if (firstCode is null)
            {
                firstCode = code;
                return url;
            }

            // The second sign-in's own state, with the first sign-in's code, already exchanged.
            return System.Text.RegularExpressions.Regex.Replace(url, "code=[^&]*", "code=" + Uri.EscapeDataString(firstCode));
        });
        await Page.GotoAsync("/account/login");
        await Page.Locator("[data-testid=external-login]").ClickAsync();
        await ThroughProviderAsync(person.Cpf);
        await Assertions.Expect(Page).ToHaveURLAsync(OidcApp.BaseAddress.ToString());
        await context!.ClearCookiesAsync(new BrowserContextClearCookiesOptions { NameRegex = new System.Text.RegularExpressions.Regex("^th\\.auth") });

        // Still signed in at the provider, which sends the browser straight back with a fresh code: replaced by the old one.
        await Page.GotoAsync("/account/login");
        await Page.Locator("[data-testid=external-login]").ClickAsync();
        await Page.WaitForURLAsync(u => u.Contains("external=failed", StringComparison.Ordinal) || u.Contains("/interaction/", StringComparison.Ordinal));
        if (!Page.Url.StartsWith(OidcApp.BaseAddress.ToString(), StringComparison.Ordinal))
        {
            await ThroughProviderAsync(person.Cpf);
        }

        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(OidcApp.BaseAddress, "/account/login?external=failed").ToString(), new() { Timeout = 30_000 });
        await Assertions.Expect(Page.Locator("[role=alert]").First).ToContainTextAsync(FailedEn);
        (await context.CookiesAsync()).ShouldNotContain(c => c.Name.StartsWith("th.auth", StringComparison.Ordinal));
    }
}
