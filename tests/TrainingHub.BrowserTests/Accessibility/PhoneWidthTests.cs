using Microsoft.Playwright;

namespace TrainingHub.BrowserTests.Accessibility;

/// <summary>
/// Every trainee screen fits a 375 px phone: the page never scrolls sideways, and nothing is hidden in a box that
/// does (a table scrolled inside its wrapper hides status, cancel and codes just the same).
/// </summary>
public sealed class PhoneWidthTests : BrowserTest
{
    private const int Phone = 375;

    private static readonly string[] Screens = ["/", "/catalogue", "class", "/enrolments/mine", "/hours", "/certificates", "/justifications", "/account/preferences"];

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task Every_trainee_screen_fits_a_375_px_phone(string lang)
    {
        await UseLanguageAsync(lang);
        await Page.SetViewportSizeAsync(Phone, 800);
        await OpenHomeAsAsync(DemoUser.Trainee);
        var tooWide = new List<string>();
        foreach (var screen in Screens)
        {
            if (screen == "class")
            {
                await Page.GotoAsync("/catalogue");
                await Page.Locator("main h2 a[href^='/catalogue/']").First.ClickAsync();
            }
            else
            {
                await Page.GotoAsync(screen);
            }

            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var hidden = await Page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll('main *')]
                  .filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
                  .map(e => (e.getAttribute('data-testid') || e.className || e.tagName) + ' ' + e.scrollWidth + ' px')
                """);
            var name = screen == "/" ? "home" : screen.Trim('/').Replace('/', '-');
            await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "phone-" + name, lang);
            if (width > Phone || hidden.Length > 0)
            {
                tooWide.Add($"{screen}: page {width} px{(hidden.Length > 0 ? "; scrolls inside " + string.Join(", ", hidden) : "")}");
            }
        }

        tooWide.ShouldBeEmpty();
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task Cancelling_an_enrolment_says_what_happens_before_it_does_anything(string lang)
    {
        await UseLanguageAsync(lang);
        await Page.SetViewportSizeAsync(Phone, 800);
        await OpenHomeAsAsync(DemoUser.Trainee);
        await Page.GotoAsync("/enrolments/mine");
        var cancel = Page.Locator("[data-testid^=cancel-enrolment-]").First;
        await cancel.Locator("summary").ClickAsync();
        var consequence = cancel.Locator("[data-testid$=-consequence]");
        await Expect(consequence).ToBeVisibleAsync();
        await Expect(consequence).ToContainTextAsync(lang == "en" ? "waitlist" : "lista de espera");
        await Expect(cancel.Locator("button[type=submit]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "phone-cancel-confirm", lang);
        (await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(Phone);
    }
}
