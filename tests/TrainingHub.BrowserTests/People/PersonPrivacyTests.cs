namespace TrainingHub.BrowserTests.People;

/// <summary>LGPD: an administrator opens a person's personal-data page from the people list and sees the retention date.</summary>
public sealed class PersonPrivacyTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_administrator_sees_until_when_a_persons_records_are_retained(string lang)
    {
        await UseLanguageAsync(lang);
        await SignInAndWaitForHomeAsync(DemoUser.Administrator);
        await Page.GotoAsync("/people");
        await Page.Locator("[data-testid=people] tbody a[href$='/privacy']").First.ClickAsync();
        await Expect(Page.GetByTestId("retention-status")).ToContainTextAsync(lang == "en" ? "under legal retention until" : "sob retenção legal até");
        await Expect(Page.GetByTestId("anonymize")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "person-privacy", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }
}
