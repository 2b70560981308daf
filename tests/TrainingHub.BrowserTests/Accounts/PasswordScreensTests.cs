using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.BrowserTests.Accounts;

/// <summary>Forgot password → e-mailed link → new password → signed in → change it again, in both languages.</summary>
public sealed class PasswordScreensTests : BrowserTest
{
    [TestCase("pt-BR", "Esqueceu a senha?", "Sua nova senha está definida", "Sua senha foi trocada")]
    [TestCase("en", "Forgot your password?", "Your new password is set", "Your password was changed")]
    public async Task A_person_resets_a_forgotten_password_by_the_emailed_link_and_changes_it_later(string lang, string forgotLink, string resetDone, string changed)
    {
        var email = $"reset-{lang}-{Guid.NewGuid():N}@test.traininghub.local";
        await using (var scope = TestApp.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var admin = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
            var created = await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), admin,
                TimeProvider.System, new CreateAccountRequest(email, "Joana Reset", "first browser passphrase", Roles.Trainee, null, null, lang), CancellationToken.None);
            created.Succeeded.ShouldBeTrue();
        }

        await UseLanguageAsync(lang);
        await Page.GotoAsync("/account/login");
        await Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = forgotLink }).ClickAsync();
        await Screenshots.SaveAsync(Page, "anonymous", "forgot-password", lang);
        await Page.Locator("#Email").FillAsync(email);
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-testid=forgot-sent]")).ToContainTextAsync(email);
        await Screenshots.SaveAsync(Page, "anonymous", "forgot-password-sent", lang);

        var link = await LinkSentToAsync(email);
        await Page.GotoAsync(link);
        await Screenshots.SaveAsync(Page, "anonymous", "reset-password", lang);
        await Page.Locator("#NewPassword").FillAsync("password1234");
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for=NewPassword]")).ToContainTextAsync(lang == "en" ? "too easy to guess" : "fácil demais de adivinhar");
        await Screenshots.SaveAsync(Page, "anonymous", "reset-password-refused", lang);
        await Page.Locator("#NewPassword").FillAsync("second browser passphrase");
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.Locator("main > .alert-success")).ToContainTextAsync(resetDone);

        await Page.Locator("#Email").FillAsync(email);
        await Page.Locator("#Password").FillAsync("second browser passphrase");
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Page.Locator("[data-testid=signed-in-as]").ClickAsync();
        await Page.Locator("[data-menu=account]").ClickAsync();
        await Expect(Page.Locator("[data-testid=me]")).ToContainTextAsync(email);
        await Screenshots.SaveAsync(Page, "trainee", "my-account", lang);

        await Page.Locator("[data-testid=change-password]").ClickAsync();
        await Page.Locator("#CurrentPassword").FillAsync("second browser passphrase");
        await Page.Locator("#NewPassword").FillAsync("third browser passphrase");
        await Screenshots.SaveAsync(Page, "trainee", "change-password", lang);
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.Locator("main > .alert-success")).ToContainTextAsync(changed);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    /// <summary>The link in the queued e-mail (the browser tests send no mail; the outbox row holds the message).</summary>
    private static async Task<string> LinkSentToAsync(string email)
    {
        await using var scope = TestApp.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var payload = await db.OutboxMessages.Where(m => m.ToAddress == email).Select(m => m.PayloadJson).SingleAsync();
        using var json = JsonDocument.Parse(payload);
        var link = json.RootElement.EnumerateObject().Single(p => p.Name.Equals("Link", StringComparison.OrdinalIgnoreCase)).Value.GetString()!;
        return new Uri(link).PathAndQuery;
    }
}
