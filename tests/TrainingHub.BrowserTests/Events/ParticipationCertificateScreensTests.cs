using System.Text.Json;

namespace TrainingHub.BrowserTests.Events;

/// <summary>
/// The demo's network meetings certify each attended meeting: the administrator sets the rule on the series and issues
/// them; the trainee (a focal point of their unit) finds them, and the ZIP of their unit's certificates, on a phone.
/// </summary>
public sealed class ParticipationCertificateScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_administrator_issues_meeting_certificates_and_a_focal_point_finds_them_on_a_phone(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        var list = await Page.APIRequest.GetAsync("/api/v1/offerings?classes=false&search=" + Uri.EscapeDataString("Encontros da Rede"));
        var seriesId = JsonDocument.Parse(await list.TextAsync()).RootElement.GetProperty("items").EnumerateArray().First().GetProperty("id").GetInt32();

        // The series form carries what it is and its certificate rule.
        await Page.GotoAsync($"/offerings/{seriesId}/edit");
        await Expect(Page.Locator("#Form_ParticipationRule")).ToHaveValueAsync("EachSession");
        await Expect(Page.Locator("#Form_SeriesKind")).ToHaveValueAsync("Meeting");
        await Page.Locator("#Form_ParticipationRule").ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "series-participation-rule", lang);

        // Issue what is pending (both language runs may click; each certificate is issued once).
        await Page.GotoAsync($"/offerings/{seriesId}/certificates");
        // Issuing renders and stores every PDF before the page answers: on a busy machine that takes a while.
        await Page.GetByTestId("issue").ClickAsync(new() { Timeout = 90_000 });
        await Expect(Page.Locator("[data-testid=series-certificates] [data-testid=row]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "series-certificates", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // The trainee on a phone: their meeting certificates and, as a focal point, their unit's ZIP.
        await Page.SetViewportSizeAsync(375, 812);
        await OpenHomeAsAsync(DemoUser.Trainee);
        await Page.GotoAsync("/certificates");
        await Expect(Page.GetByTestId("organization-zip")).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=certificate]").First).ToBeVisibleAsync();
        (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "my-certificates-focal-point", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
        var zip = await Page.APIRequest.GetAsync("/certificates/organization.zip");
        zip.Status.ShouldBe(200);
        zip.Headers["content-type"].ShouldBe("application/zip");
    }
}
