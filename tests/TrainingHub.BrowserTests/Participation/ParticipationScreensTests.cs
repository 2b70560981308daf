namespace TrainingHub.BrowserTests.Participation;

/// <summary>The organisations taking part in a programme: the list with filters, one participation and its history, the form, the report with its chart.</summary>
public sealed class ParticipationScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_demo_administrator_follows_the_onboarding_municipalities_from_the_programme_to_the_report(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/programmes?search=SEI-MUNICIPIOS");
        await Page.Locator("[data-testid=programmes] a").First.ClickAsync();
        await Page.GetByTestId("participants-link").ClickAsync();
        var rows = Page.Locator("[data-testid=participations] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();

        await Page.Locator("#status").SelectOptionAsync("Live");
        await Page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(12);
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "participations", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        await rows.First.Locator("a").ClickAsync();
        await Expect(Page.Locator("[data-testid=history] tbody tr")).ToHaveCountAsync(4);
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "participation", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // A new participation without an organisation is refused on the form, which keeps what was typed.
        await Page.GotoAsync(Page.Url[..Page.Url.LastIndexOf('/')] + "/new");
        var shown = Page.Locator("#Form_OrganizationId option:not([hidden])");
        var first = (await Page.Locator("#Form_OrganizationId option").First.TextContentAsync())!.Trim();
        await Page.Locator("input[data-filters]").FillAsync("no organisation is called this");
        await Expect(shown).ToHaveCountAsync(0);
        await Page.Locator("input[data-filters]").FillAsync(first.ToUpperInvariant());
        await Expect(shown.First).ToHaveTextAsync(first);
        await Page.Locator("#Form_AgreementNumber").FillAsync("ACT 999");
        await Page.Locator("#Form_AgreementUrl").FillAsync("not a link");
        await Page.Locator("form[action$='/participants/new'] button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("errors")).ToBeVisibleAsync();
        await Expect(Page.Locator("#Form_AgreementNumber")).ToHaveValueAsync("ACT 999");
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "participation-form", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        await Page.GotoAsync(Page.Url.Replace("/participants/new", "/participants", StringComparison.Ordinal));
        await Page.Locator("a[href^='/reports?kind=ParticipationOverTime']").ClickAsync();
        await Expect(Page.Locator("canvas[data-chart]")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("report")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "report-participation-over-time", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }
}
