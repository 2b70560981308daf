using System.Collections.Concurrent;
using Microsoft.Playwright;
using NUnit.Framework.Interfaces;

namespace TrainingHub.BrowserTests;

/// <summary>A fresh browser context (no cookies) and page per test, on the shared app and browser.</summary>
public abstract class BrowserTest
{
    /// <summary>One sign-in through the form per demo user, its authentication cookie reused by tests that only need to be signed in.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<Cookie[]>>> Sessions = new();

    private IBrowserContext? context;
    private IPage? page;

    protected IPage Page => page ?? throw new InvalidOperationException("No page: SetUp has not run.");

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    [SetUp]
    public async Task OpenPageAsync()
    {
        context = await TestApp.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = TestApp.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "pt-BR",
            TimezoneId = "America/Sao_Paulo",
        });
        context.SetDefaultTimeout(10_000);
        page = await context.NewPageAsync();
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (page is not null && TestContext.CurrentContext.Result.Outcome.Status == TestStatus.Failed)
        {
            var name = string.Concat(TestContext.CurrentContext.Test.Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
            var path = await Screenshots.SaveAsync(page, "failed", name, "");
            TestContext.Out.WriteLine($"Screenshot of the failure: {path}");
        }

        if (context is not null)
        {
            await context.CloseAsync();
        }

        context = null;
        page = null;
    }

    /// <summary>Chooses the language with the culture cookie, as the navbar's switch would, before any page opens.</summary>
    protected async Task UseLanguageAsync(string lang)
    {
        var cookie = Uri.EscapeDataString($"c={lang}|uic={lang}");
        await page!.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = cookie, Url = TestApp.BaseAddress.ToString() }]);
    }

    protected async Task SignInAsync(DemoUser user, string password = DemoUser.Password)
    {
        ArgumentNullException.ThrowIfNull(user);
        await Page.GotoAsync("/account/login");
        await Page.Locator("#Email").FillAsync(user.Email);
        await Page.Locator("#Password").FillAsync(password);
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Page.WaitForLoadStateAsync();
    }

    protected async Task SignInAndWaitForHomeAsync(DemoUser user)
    {
        await SignInAsync(user);
        await Expect(Page).ToHaveURLAsync(new Uri(TestApp.BaseAddress, "/").ToString());
        await Expect(Page.Locator($"[data-testid={user.HomeSection}]")).ToBeVisibleAsync();
    }

    /// <summary>Opens the home page already signed in as <paramref name="user"/>, reusing a session signed in through the form once.</summary>
    protected async Task OpenHomeAsAsync(DemoUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var cookies = await Sessions.GetOrAdd(user.Key, _ => new Lazy<Task<Cookie[]>>(() => SignInOnceAsync(user))).Value;
        await Page.Context.AddCookiesAsync(cookies);
        await Page.GotoAsync("/");
        await Expect(Page.Locator($"[data-testid={user.HomeSection}]")).ToBeVisibleAsync();
    }

    private static async Task<Cookie[]> SignInOnceAsync(DemoUser user)
    {
        await using var context = await TestApp.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = TestApp.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(user.Email);
        await page.Locator("#Password").FillAsync(DemoUser.Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid={user.HomeSection}]")).ToBeVisibleAsync();
        return (await context.CookiesAsync())
            .Where(c => c.Name.StartsWith("th.auth", StringComparison.Ordinal))
            .Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite })
            .ToArray();
    }

    /// <summary>Switches language with the navbar's select, which submits itself, and waits for the page in that language.</summary>
    protected async Task SwitchLanguageAsync(string lang)
    {
        await Page.Locator("select#culture").SelectOptionAsync(lang);
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Page.WaitForLoadStateAsync();
    }

    protected async Task<string[]> NavigationLinksAsync() =>
        await Page.Locator("[data-nav]").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.nav)");
}
