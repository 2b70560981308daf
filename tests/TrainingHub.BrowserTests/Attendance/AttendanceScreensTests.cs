namespace TrainingHub.BrowserTests.Attendance;

/// <summary>The instructor's roster (mark everyone present, then the exceptions) and the trainee's hours, as people see them.</summary>
public sealed class AttendanceScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_demo_instructor_opens_a_roster_from_home_marks_everyone_present_and_one_partial(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Instructor);
        // An upcoming session (one per language, so parallel runs do not share it); no other test records it.
        var upcoming = Page.Locator("[data-testid=instructor-home] table").First.Locator("a[data-testid=roster-link]");
        await upcoming.Nth(lang == "en" ? 1 : 0).ClickAsync();
        var roster = Page.GetByTestId("attendance-roster");
        await Expect(roster).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("class-summary")).ToBeVisibleAsync();

        await Page.Locator("button[data-mark-all]").ClickAsync();
        var rows = roster.Locator("li[data-person]");
        var second = rows.Nth(1);
        await second.Locator("select[data-status]").SelectOptionAsync("Partial");
        var minutes = second.Locator("input[type=number]");
        await Expect(minutes).ToBeVisibleAsync();
        await Expect(rows.Nth(0).Locator("input[type=number]")).ToBeHiddenAsync();
        await minutes.FillAsync("45");
        await Screenshots.SaveAsync(Page, DemoUser.Instructor.Key, "attendance-roster", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        await Page.GetByTestId("save-roster").ClickAsync();
        await Expect(Page.Locator("[role=status], .alert").First).ToBeVisibleAsync();
        await Expect(rows.Nth(0).Locator("select[data-status]")).ToHaveValueAsync("Present");
        await Expect(rows.Nth(1).Locator("select[data-status]")).ToHaveValueAsync("Partial");
        await Expect(rows.Nth(1).Locator("input[type=number]")).ToHaveValueAsync("45");
        await Screenshots.SaveAsync(Page, DemoUser.Instructor.Key, "attendance-roster-saved", lang);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_demo_trainee_opens_my_hours(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Trainee);
        await Page.Locator("[data-nav=hours]").ClickAsync();
        await Expect(Page.GetByTestId("hours-year")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("hours-classes")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "hours", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }
}
