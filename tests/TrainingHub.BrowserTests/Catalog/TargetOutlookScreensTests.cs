namespace TrainingHub.BrowserTests.Catalog;

/// <summary>The programme's yearly-target outlook on the demo data: from the programme page to who will miss the target, filtered by organisation.</summary>
public sealed class TargetOutlookScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_administrator_sees_who_will_miss_the_strategy_networks_target_and_filters_by_organisation(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/programmes?search=REDE-ESTRATEGIA");
        await Page.Locator("main table a").First.ClickAsync();
        await Page.GetByTestId("targets-link").ClickAsync();

        await Expect(Page.GetByTestId("targets-summary")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("targets").Locator("tbody tr").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "target-outlook", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        await Page.GetByTestId("targets-by-organization").Locator("tbody a").First.ClickAsync();
        await Expect(Page.GetByTestId("organization-filter")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "target-outlook-organization", lang);
    }
}
