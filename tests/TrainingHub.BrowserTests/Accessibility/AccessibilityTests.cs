namespace TrainingHub.BrowserTests.Accessibility;

public sealed class AccessibilityTests : BrowserTest
{
    [Test]
    public async Task The_accessibility_check_catches_a_broken_page_so_a_clean_result_means_something()
    {
        await Page.SetContentAsync("<html><body><img src=\"x.png\"><button></button></body></html>");

        var violations = await Axe.RunAsync(Page);

        violations.Select(v => v.Id).ShouldContain("image-alt");
        violations.Select(v => v.Id).ShouldContain("button-name");
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_login_page_has_no_serious_accessibility_violations(string lang)
    {
        await UseLanguageAsync(lang);
        await Page.GotoAsync("/account/login");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", lang);

        await Screenshots.SaveAsync(Page, "anonymous", "login", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_login_page_showing_an_error_has_no_serious_accessibility_violations(string lang)
    {
        await UseLanguageAsync(lang);
        await SignInAsync(DemoUser.Instructor, "wrong-passphrase");
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToBeVisibleAsync();

        await Screenshots.SaveAsync(Page, "anonymous", "login-failed", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCaseSource(typeof(DemoUser), nameof(DemoUser.AllInBothLanguages))]
    public async Task Each_role_home_page_has_no_serious_accessibility_violations(DemoUser user, string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(user);
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", lang);

        await Screenshots.SaveAsync(Page, user.Key, "home", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCaseSource(nameof(PagesPerRole))]
    public async Task Every_page_in_a_role_navigation_opens_without_serious_accessibility_violations(DemoUser user, string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(user);

        foreach (var link in user.Navigation.Where(l => l != "home"))
        {
            await Page.Locator($"[data-nav={link}]").ClickAsync();
            await Page.WaitForLoadStateAsync();
            if (link == "jobs")
            {
                // Hangfire's own dashboard: not our layout or strings, so only that it opens for this role.
                await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/jobs"));
                await Screenshots.SaveAsync(Page, user.Key, link, lang);
                await Page.GoBackAsync();
                continue;
            }

            await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
            (await NavigationLinksAsync()).ShouldBe(user.Navigation, $"navigation on the {link} page");
            await Screenshots.SaveAsync(Page, user.Key, link, lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
        }
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_new_person_form_showing_every_error_has_no_serious_accessibility_violations(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/people/new");
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("errors")).ToBeVisibleAsync();

        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "people-new-empty", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    private static IEnumerable<TestCaseData> PagesPerRole() =>
        from u in new[] { DemoUser.Administrator, DemoUser.ScopedAdministrator, DemoUser.Auditor, DemoUser.Trainee }
        from lang in DemoUser.Languages
        select new TestCaseData(u, lang).SetArgDisplayNames(u.Key, lang);
}
