namespace TrainingHub.BrowserTests.Enrolment;

/// <summary>The trainee's catalogue, a class page and enrolment, and the administrator's roster, as people see them.</summary>
public sealed class EnrolmentScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task A_trainee_filters_the_catalogue_and_opens_a_class_page_with_its_schedule_and_seats(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Trainee);
        await Page.Locator("[data-nav=browse]").ClickAsync();
        await Expect(Page.GetByTestId("catalogue")).ToBeVisibleAsync();
        await Page.Locator("#openSeats").CheckAsync();
        await Page.Locator("main form[role=search] button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("catalogue")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "catalogue-filtered", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        await Page.Locator("[data-testid=catalogue] h2 a").First.ClickAsync();
        await Expect(Page.GetByTestId("seats-left")).ToBeVisibleAsync();
        await Expect(Page.Locator("main table tbody tr").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "catalogue-class", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_administrator_sees_an_offering_roster_with_counts_and_the_waitlist(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        // From the catalogue: a course, its extra class (full, with a waitlist), then its enrolments.
        await Page.GotoAsync("/courses?search=" + Uri.EscapeDataString("Gestão de Projetos"));
        await Page.Locator("main a[href^='/courses/']:not([href$='/new'])").First.ClickAsync();
        await Page.Locator("main a[href^='/offerings/']", new() { HasText = "extra" }).First.ClickAsync();
        await Page.GetByTestId("roster-link").ClickAsync();
        await Expect(Page.GetByTestId("roster-counts")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("roster")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "enrolments-roster", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_administrator_reviews_the_enrolments_awaiting_approval(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/enrolments/approvals");
        await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "enrolments-approvals", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }
}
