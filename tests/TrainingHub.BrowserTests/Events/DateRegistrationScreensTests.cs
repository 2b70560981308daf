using Microsoft.Playwright;

namespace TrainingHub.BrowserTests.Events;

/// <summary>A trainee chooses their dates of a series registered by date on a phone, and changes them.</summary>
public sealed class DateRegistrationScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task A_trainee_chooses_dates_of_an_open_webinar_on_a_phone(string lang)
    {
        await Page.SetViewportSizeAsync(375, 812);
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Trainee);
        await Page.GotoAsync("/catalogue?search=" + Uri.EscapeDataString("Gestão pública orientada a resultados"));
        await Page.Locator("[data-testid=catalogue] h2 a").First.ClickAsync();
        var dates = Page.GetByTestId("dates");
        await Expect(dates).ToBeVisibleAsync();
        var boxes = dates.Locator("input[name=sessionIds]");
        await Expect(boxes).ToHaveCountAsync(3);

        // Only the second date (the one with few seats).
        await dates.Locator("#dates-chosen").CheckAsync();
        await boxes.Nth(0).SetCheckedAsync(false);
        await boxes.Nth(1).SetCheckedAsync(true);
        await boxes.Nth(2).SetCheckedAsync(false);
        await Page.GetByTestId("save-dates").ClickAsync();
        await Expect(Page.Locator(".alert-success")).ToBeVisibleAsync();
        var second = await Page.GetByTestId("dates").Locator("input[name=sessionIds]").Nth(1).GetAttributeAsync("value");
        await Expect(Page.GetByTestId("date-status-" + second)).ToBeVisibleAsync();
        // The saved page replaces the one that still showed the earlier choice: on a busy machine that takes a while.
        await Expect(Page.GetByTestId("dates").Locator("[data-testid^=date-status-]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(Page.GetByTestId("dates").Locator("input[name=sessionIds]").Nth(1)).ToBeCheckedAsync();
        (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        await Page.GetByTestId("dates").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "dates-chosen", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // The whole series: every date registered.
        await Page.GetByTestId("dates").Locator("#dates-whole").CheckAsync();
        await Page.GetByTestId("save-dates").ClickAsync();
        await Expect(Page.GetByTestId("dates").Locator("[data-testid^=date-status-]")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
    }
}
