namespace TrainingHub.BrowserTests.Accounts;

public sealed class SignInTests : BrowserTest
{
    [TestCaseSource(typeof(DemoUser), nameof(DemoUser.All))]
    public async Task Each_role_signs_in_and_sees_its_own_home_and_only_its_links(DemoUser user)
    {
        await UseLanguageAsync("pt-BR");
        await SignInAndWaitForHomeAsync(user);

        await AssertHomeOfAsync(user);
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sair" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, user.Key, "home", "pt-BR");
    }

    [TestCaseSource(typeof(DemoUser), nameof(DemoUser.All))]
    public async Task Each_role_sees_the_same_home_and_links_in_English_after_switching_the_language(DemoUser user)
    {
        await UseLanguageAsync("pt-BR");
        await SignInAndWaitForHomeAsync(user);

        await SwitchLanguageAsync("en");

        await AssertHomeOfAsync(user);
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sair" })).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-nav=home]")).ToHaveTextAsync("Home");
        await Screenshots.SaveAsync(Page, user.Key, "home", "en");
    }

    [Test]
    public async Task A_wrong_password_shows_the_error_and_stays_on_the_login_page()
    {
        await SignInAsync(DemoUser.Auditor, "not-the-passphrase");

        await Expect(Page).ToHaveURLAsync(new Uri(TestApp.BaseAddress, "/account/login").ToString());
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToContainTextAsync("E-mail ou senha incorretos");
        await Expect(Page.Locator("[data-nav]")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(Page, "anonymous", "login-failed", "pt-BR");
    }

    [Test]
    public async Task An_anonymous_visit_to_people_redirects_to_the_login_page()
    {
        await Page.GotoAsync("/people");

        new Uri(Page.Url).AbsolutePath.ShouldBe("/account/login");
        Uri.UnescapeDataString(new Uri(Page.Url).Query).ShouldContain("ReturnUrl=/people");
        await Expect(Page.Locator("#Email")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "anonymous", "login", "pt-BR");
    }

    [Test]
    public async Task After_signing_in_from_the_redirect_the_user_lands_on_the_page_they_asked_for()
    {
        await Page.GotoAsync("/people");
        await Page.Locator("#Email").FillAsync(DemoUser.Auditor.Email);
        await Page.Locator("#Password").FillAsync(DemoUser.Password);
        await Page.Locator("main button[type=submit]").ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Uri(TestApp.BaseAddress, "/people").ToString());
    }

    [Test]
    public async Task Signing_out_returns_to_the_login_page_and_protects_the_home_page_again()
    {
        await UseLanguageAsync("pt-BR");
        await SignInAndWaitForHomeAsync(DemoUser.Trainee);

        await Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sair" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Uri(TestApp.BaseAddress, "/account/login").ToString());
        await Page.GotoAsync("/");
        new Uri(Page.Url).AbsolutePath.ShouldBe("/account/login");
    }

    [Test]
    public async Task An_auditor_sees_masked_CPFs_and_an_administrator_sees_them_in_full()
    {
        await OpenHomeAsAsync(DemoUser.Auditor);
        await Page.GotoAsync("/people");
        var auditorCpf = await Page.Locator("main table tbody tr td:nth-child(2)").First.InnerTextAsync();

        await Page.Context.ClearCookiesAsync();
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/people");
        var administratorCpf = await Page.Locator("main table tbody tr td:nth-child(2)").First.InnerTextAsync();

        auditorCpf.ShouldMatch(@"^\*\*\*\.\d{3}\.\d{3}-\*\*$");
        administratorCpf.ShouldMatch(@"^\d{3}\.\d{3}\.\d{3}-\d{2}$");
    }

    [Test]
    public async Task A_scoped_administrator_sees_fewer_people_than_an_administrator_of_the_whole_installation()
    {
        await UseLanguageAsync("en");
        await OpenHomeAsAsync(DemoUser.ScopedAdministrator);
        await Expect(Page.GetByTestId("admin-home")).Not.ToContainTextAsync("whole installation");
        var scoped = await PeopleCountAsync();

        await Page.Context.ClearCookiesAsync();
        await UseLanguageAsync("en");
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Expect(Page.GetByTestId("admin-home")).ToContainTextAsync("whole installation");
        var everyone = await PeopleCountAsync();

        scoped.ShouldBeGreaterThan(0);
        scoped.ShouldBeLessThan(everyone);
    }

    private async Task<int> PeopleCountAsync()
    {
        await Page.GotoAsync("/people");
        var summary = await Page.GetByText(new System.Text.RegularExpressions.Regex(@"^[\d,.]+ results")).InnerTextAsync();
        return int.Parse(new string(summary.TakeWhile(c => c != ' ').Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task AssertHomeOfAsync(DemoUser user)
    {
        foreach (var section in DemoUser.HomeSections)
        {
            await Expect(Page.Locator($"[data-testid={section}]")).ToHaveCountAsync(section == user.HomeSection ? 1 : 0);
        }

        (await NavigationLinksAsync()).ShouldBe(user.Navigation);
    }
}
