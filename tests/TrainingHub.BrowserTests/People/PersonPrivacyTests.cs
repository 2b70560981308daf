namespace TrainingHub.BrowserTests.People;

/// <summary>An administrator opens a person's page from the people list (full CPF: the person is in scope), then their personal-data page and the retention date.</summary>
public sealed class PersonPrivacyTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_administrator_sees_until_when_a_persons_records_are_retained(string lang)
    {
        await UseLanguageAsync(lang);
        await SignInAndWaitForHomeAsync(DemoUser.Administrator);
        await Page.GotoAsync("/people");
        await Page.Locator("[data-testid=people] tbody a").First.ClickAsync();
        await Expect(Page.GetByTestId("person-record")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("person-cpf")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{3}\.\d{3}\.\d{3}-\d{2}$"));
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "person", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
        await Page.Locator("a[href^='/people/'][href$='/privacy']").ClickAsync();
        await Expect(Page.GetByTestId("retention-status")).ToContainTextAsync(lang == "en" ? "under legal retention until" : "sob retenção legal até");
        await Expect(Page.GetByTestId("anonymize")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "person-privacy", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }
}
