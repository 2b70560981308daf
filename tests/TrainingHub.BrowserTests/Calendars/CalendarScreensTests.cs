using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace TrainingHub.BrowserTests.Calendars;

/// <summary>
/// The calendar: a trainee opens it from their home on a phone (a list by day), creates a subscription address that a
/// calendar application reads without signing in, and revokes it; an instructor sees the month grid on a wide screen.
/// </summary>
public sealed class CalendarScreensTests : BrowserTest
{
    // Both languages use the demo trainee's one feed address: one at a time, or one case's address replaces the other's.
    [TestCase("pt-BR")]
    [TestCase("en")]
    [NonParallelizable]
    public async Task A_trainee_opens_their_calendar_on_a_phone_subscribes_and_revokes(string lang)
    {
        await Page.SetViewportSizeAsync(375, 812);
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Trainee);
        await Page.GetByTestId("calendar-link").ClickAsync();
        await Expect(Page.GetByTestId("calendar-month")).ToBeVisibleAsync();

        await Page.GotoAsync("/calendar?month=" + await MonthWithSessionsAsync());
        await Expect(Page.GetByTestId("calendar-list")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("calendar-grid")).ToBeHiddenAsync();
        (await Page.GetByTestId("calendar-list").Locator("[data-testid=calendar-session]").CountAsync()).ShouldBeGreaterThan(0);
        (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "calendar", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // The address is shown once; a calendar application (no cookies) reads it.
        await Page.GetByTestId("calendar-feed-issue").ClickAsync();
        var field = Page.GetByTestId("calendar-feed-url");
        await Expect(field).ToBeVisibleAsync();
        var url = await field.InputValueAsync();
        url.ShouldEndWith(".ics");
        await field.ScrollIntoViewIfNeededAsync();
        (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "calendar-feed", lang);
        var path = new Uri(url).PathAndQuery;
        await using (var app = await TestApp.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = TestApp.BaseAddress.ToString() }))
        {
            var feed = await app.APIRequest.GetAsync(path);
            feed.Status.ShouldBe(200);
            feed.Headers["content-type"].ShouldStartWith("text/calendar");
            (await feed.TextAsync()).ShouldStartWith("BEGIN:VCALENDAR");
        }

        // Revoked: the page says so and the address answers 404.
        await Page.GotoAsync("/calendar");
        await Page.GetByTestId("calendar-feed-revoke").Locator("summary").ClickAsync();
        await Page.GetByTestId("calendar-feed-revoke-confirm").ClickAsync();
        await Expect(Page.GetByTestId("calendar-feed-none")).ToBeVisibleAsync();
        await using (var app = await TestApp.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = TestApp.BaseAddress.ToString() }))
        {
            (await app.APIRequest.GetAsync(path)).Status.ShouldBe(404);
        }
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_instructor_sees_the_sessions_they_teach_on_the_month_grid(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Instructor);
        await Page.GetByTestId("calendar-link").ClickAsync();
        await Expect(Page.GetByTestId("calendar-grid")).ToBeVisibleAsync();
        var month = await MonthWithSessionsAsync();
        await Page.GotoAsync("/calendar?month=" + month);
        var grid = Page.GetByTestId("calendar-grid");
        await Expect(grid).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("calendar-list")).ToBeHiddenAsync();
        (await grid.Locator("[data-testid=calendar-session]").CountAsync()).ShouldBeGreaterThan(0);
        await Screenshots.SaveAsync(Page, DemoUser.Instructor.Key, "calendar", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // Previous and next month links work without JavaScript.
        await Page.GetByTestId("calendar-next").ClickAsync();
        var next = DateOnly.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await Expect(Page).ToHaveURLAsync(new Uri(TestApp.BaseAddress, "/calendar?month=" + next).ToString());
    }

    /// <summary>The nearest month with sessions of the signed-in person, looking ahead a year then back two (asked of the API).</summary>
    private async Task<string> MonthWithSessionsAsync()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "America/Sao_Paulo"));
        foreach (var offset in Enumerable.Range(0, 12).Concat(Enumerable.Range(1, 24).Select(k => -k)))
        {
            var month = today.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var answer = await Page.APIRequest.GetAsync("/api/v1/calendar?month=" + month);
            answer.Status.ShouldBe(200);
            using var json = JsonDocument.Parse(await answer.TextAsync());
            if (json.RootElement.GetProperty("sessions").GetArrayLength() > 0)
            {
                return month;
            }
        }

        throw new AssertionException("The demo person has no session in the three years around today.");
    }
}
