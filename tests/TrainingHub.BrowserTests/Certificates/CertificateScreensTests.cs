using System.Text.Json;

namespace TrainingHub.BrowserTests.Certificates;

/// <summary>Class certificates (issue now), My certificates, and the public verification page (valid, revoked), as people see them.</summary>
public sealed class CertificateScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_administrator_issues_a_class_then_the_trainee_downloads_and_anyone_verifies(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Trainee);
        var mine = await Page.APIRequest.GetAsync("/api/v1/enrolments/mine");
        var offeringId = JsonDocument.Parse(await mine.TextAsync()).RootElement.EnumerateArray()
            .First(e => e.GetProperty("status").GetString() == "Completed").GetProperty("offeringId").GetInt32();

        // The administrator's class certificates: issue what is pending (both language runs may click; each certificate is issued once).
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync($"/offerings/{offeringId}/certificates");
        await Page.GetByTestId("issue").ClickAsync();
        var rows = Page.Locator("[data-testid=row] a[href$='/manage']");
        await Expect(rows.First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "class-certificates", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // Revoke one (a different person per language run), with a reason.
        await rows.Nth(lang == "en" ? 2 : 1).ClickAsync();
        await Expect(Page.GetByTestId("revoke")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "certificate-manage", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
        var revokedCode = await Page.Locator("[data-testid=details] code").TextContentAsync();
        await Page.Locator("#revoke-reason").FillAsync(lang == "en" ? "Issued to the wrong class" : "Emitido para a turma errada");
        await Page.GetByTestId("revoke").ClickAsync();
        await Expect(Page.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Revoked");

        // The trainee's own page.
        await OpenHomeAsAsync(DemoUser.Trainee);
        await Page.Locator("[data-nav=certificates]").ClickAsync();
        var certificate = Page.Locator("[data-testid=certificate]").First;
        await Expect(certificate).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "my-certificates", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
        var code = await certificate.GetAttributeAsync("data-code");

        // Anyone, signed out: the public page, typing the code in lower case without dashes.
        await Page.Context.ClearCookiesAsync();
        await UseLanguageAsync(lang);
        await Page.GotoAsync("/verify");
        await Page.Locator("#code").FillAsync(code!.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Valid");
        await Screenshots.SaveAsync(Page, "anonymous", "verify-valid", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        await Page.GotoAsync("/verify/" + revokedCode);
        await Expect(Page.GetByTestId("status")).ToHaveAttributeAsync("data-status", "Revoked");
        await Expect(Page.GetByTestId("reason")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "anonymous", "verify-revoked", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }
}
