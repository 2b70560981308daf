namespace TrainingHub.BrowserTests.Catalog;

public sealed class CatalogScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task Every_catalogue_screen_opens_in_both_languages_without_serious_accessibility_violations(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);

        await Page.Locator("[data-nav=catalogue]").ClickAsync();
        await Expect(Page.Locator("[data-testid=programmes]")).ToBeVisibleAsync();
        await CheckAsync("catalogue-programmes", lang);

        await Page.GotoAsync("/programmes?search=MUNICIPALISMO");
        await Page.Locator("[data-testid=programmes] tbody a").First.ClickAsync();
        await Expect(Page.Locator("[data-testid=series]")).ToBeVisibleAsync();
        await CheckAsync("catalogue-programme", lang);

        await Page.Locator("[data-testid=series] tbody a").First.ClickAsync();
        await Expect(Page.Locator("[data-testid=sessions]")).ToBeVisibleAsync();
        await CheckAsync("catalogue-series", lang);

        await Page.GotoAsync("/courses");
        await Expect(Page.Locator("[data-testid=courses]")).ToBeVisibleAsync();
        await CheckAsync("catalogue-courses", lang);

        await Page.Locator("[data-testid=courses] tbody td:nth-child(2) a").First.ClickAsync();
        await Expect(Page.Locator("[data-testid=classes]")).ToBeVisibleAsync();
        await CheckAsync("catalogue-course", lang);

        var course = Page.Url;
        await Page.Locator("[data-testid=classes] tbody a").First.ClickAsync();
        await Expect(Page.Locator("[data-testid=sessions]")).ToBeVisibleAsync();
        await CheckAsync("catalogue-class", lang);

        await Page.GotoAsync(course);
        await Page.Locator("main a[href^='/offerings/new-class']").ClickAsync();
        await Expect(Page.Locator("#Form_Code")).ToBeVisibleAsync();
        await CheckAsync("catalogue-new-class", lang);

        await Page.Locator("#Form_Code").FillAsync("");
        await Page.Locator("#Form_Eligibility_OrganizationKinds").CheckAsync();
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("errors")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-valmsg-for='Form.OrganizationKinds']")).ToContainTextAsync(lang == "en" ? "Tick at least one organisation kind" : "Marque pelo menos um tipo de órgão");
        await CheckAsync("catalogue-new-class-errors", lang);
    }

    private async Task CheckAsync(string screen, string lang)
    {
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, screen, lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }
}
