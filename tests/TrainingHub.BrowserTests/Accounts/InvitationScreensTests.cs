using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.BrowserTests.Accounts;

/// <summary>An administrator imports a person and invites them in the same step; the person accepts by the e-mailed link and signs in.</summary>
public sealed class InvitationScreensTests : BrowserTest
{
    [TestCase("pt-BR", "Convites na fila de envio: 1", "Sua conta está pronta")]
    [TestCase("en", "Invitations queued: 1", "Your account is ready")]
    public async Task A_person_imported_with_an_invitation_chooses_a_passphrase_and_signs_in(string lang, string queued, string ready)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/imports/enrol-organization");
        var organization = (await Page.Locator("#Form_OrganizationId option:nth-child(2)").TextContentAsync())!.Trim();
        var email = $"convidada.{lang}.{Guid.NewGuid():N}@example.gov.br";
        var cpf = Cpf.Format(Cpf.FromBase(RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString("D9", CultureInfo.InvariantCulture)));
        var csv = "cpf;nome;email;orgao;idioma\n" + $"{cpf};Lúcia Convidada;{email};\"{organization}\";{lang}\n";
        await Page.GotoAsync("/imports");
        await Page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "pessoas.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Page.Locator("main form[action='/imports'] button[type=submit]").ClickAsync();
        await Page.GetByTestId("invite").CheckAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "imports-preview-invite", lang);
        await Page.GetByTestId("commit").ClickAsync();
        await Expect(Page.GetByTestId("invitations-queued")).ToContainTextAsync(queued, new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "imports-done-invitations", lang);

        await Page.GotoAsync("/accounts");
        await Page.GetByTestId("invitations-link").ClickAsync();
        await Page.Locator("#search").FillAsync("Lúcia Convidada");
        await Page.Locator("main form[role=search] button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-testid=invitation-row]").Filter(new() { HasText = email })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "invitations", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // The invited person, on a phone, signed out.
        await Page.Context.ClearCookiesAsync();
        await UseLanguageAsync(lang);
        await Page.SetViewportSizeAsync(375, 800);
        await Page.GotoAsync(await LinkSentToAsync(email));
        await Expect(Page.GetByTestId("invitee")).ToContainTextAsync(email);
        await Page.Locator("#NewPassword").FillAsync("password1234");
        await Page.GetByTestId("accept").ClickAsync();
        await Expect(Page.GetByTestId("password-error")).ToContainTextAsync(lang == "en" ? "too easy to guess" : "fácil demais de adivinhar");
        await Screenshots.SaveAsync(Page, "anonymous", "invitation-accept", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
        await Page.Locator("#NewPassword").FillAsync("amber meadows beyond the old mill");
        await Page.GetByTestId("accept").ClickAsync();
        await Expect(Page.Locator("main > .alert-success")).ToContainTextAsync(ready);

        await Page.Locator("#Email").FillAsync(email);
        await Page.Locator("#Password").FillAsync("amber meadows beyond the old mill");
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("trainee-home")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "trainee", "invited-home", lang);
    }

    /// <summary>The link in the queued e-mail (the browser tests send no mail; the outbox row holds the message).</summary>
    private static async Task<string> LinkSentToAsync(string email)
    {
        await using var scope = TestApp.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var payload = await db.OutboxMessages.Where(m => m.ToAddress == email && m.MessageType == "AccountInvitation").Select(m => m.PayloadJson).SingleAsync();
        using var json = JsonDocument.Parse(payload);
        var link = json.RootElement.EnumerateObject().Single(p => p.Name.Equals("Link", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;
        return new Uri(link).PathAndQuery;
    }
}
