namespace TrainingHub.BrowserTests.People;

/// <summary>The e-mail preferences page and the unsubscribe page, as people see them.</summary>
public sealed class PreferencesScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task A_trainee_opens_the_email_preferences_from_the_tokens_page(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Instructor);
        await Page.GetByTestId("signed-in-as").ClickAsync();
        await Page.Locator("[data-menu=tokens]").ClickAsync();
        await Page.Locator("main a[href='/account/preferences']").ClickAsync();
        await Expect(Page.Locator("main input[type=checkbox]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Instructor.Key, "preferences", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task A_tampered_unsubscribe_link_says_what_to_do_and_changes_nothing(string lang)
    {
        await UseLanguageAsync(lang);
        await Page.GotoAsync("/unsubscribe?p=1&t=not-a-token");
        await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "anonymous", "unsubscribe-invalid", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }
}
