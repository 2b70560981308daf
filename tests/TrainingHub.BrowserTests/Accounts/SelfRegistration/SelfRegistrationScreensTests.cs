using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.BrowserTests.Accounts.SelfRegistration;

/// <summary>
/// A person who exists only as an imported row creates their own account: finds their organisation, types their CPF,
/// name, e-mail and a passphrase, confirms by the link read from the e-mail maildev received, and signs in. With an
/// address other than their record's, the request waits for an administrator, who approves it on the list.
/// </summary>
public sealed partial class SelfRegistrationScreensTests
{
    private const string Passphrase = "saffron ferries cross the northern bay";

    private IBrowserContext? context;

    private IPage Page { get; set; } = null!;

    [GeneratedRegex(@"http://[^\s\]]+/account/register/confirm\?r=\d+&t=[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [SetUp]
    public async Task OpenAsync()
    {
        context = await TestApp.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = SelfRegistrationApp.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 375, Height = 800 },
            Locale = "pt-BR",
            TimezoneId = "America/Sao_Paulo",
        });
        context.SetDefaultTimeout(30_000);
        Page = await context.NewPageAsync();
    }

    [TearDown]
    public async Task CloseAsync()
    {
        if (context is not null)
        {
            await context.CloseAsync();
        }
    }

    private async Task UseLanguageAsync(string lang)
    {
        var cookie = Uri.EscapeDataString($"c={lang}|uic={lang}");
        await Page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = cookie, Url = SelfRegistrationApp.BaseAddress.ToString() }]);
    }

    /// <summary>A demo person without an account (a different one per caller), as the people import leaves them, with an address of this run.</summary>
    private static async Task<(string Cpf, string Name, string Email, string Organization)> ImportedPersonAsync(int which, string lang)
    {
        await using var scope = SelfRegistrationApp.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var id = SelfRegistrationApp.ImportedPeople[which];
        var person = await db.People.SingleAsync(p => p.Id == id);
        person.Email = $"autocadastro.{lang}.{Guid.NewGuid():N}@example.gov.br";
        await db.SaveChangesAsync();
        var organization = await db.Organizations.Where(o => o.Id == person.OrganizationId).Select(o => o.Name).SingleAsync();
        return (person.Cpf, person.FullName, person.Email, organization);
    }

    private async Task FindOrganizationAndFillAsync(string organization, string cpf, string name, string email, string lang, bool screenshots)
    {
        await Page.GotoAsync("/account/login");
        await Page.GetByTestId("register-link").ClickAsync();
        await Page.Locator("#q").FillAsync(organization[..Math.Min(organization.Length, 100)]);
        await Page.GetByTestId("organization-search").ClickAsync();
        var match = Page.GetByTestId("organization-matches").Locator("li").Filter(new() { HasText = organization }).First;
        if (screenshots)
        {
            await Screenshots.SaveAsync(Page, "anonymous", "register-search", lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
        }

        await match.GetByTestId("choose-organization").ClickAsync();
        await Expect(Page.GetByTestId("chosen-organization")).ToContainTextAsync(organization);
        await Page.Locator("#Form_Cpf").FillAsync(Cpf.Format(cpf));
        await Page.Locator("#Form_FullName").FillAsync(name);
        await Page.Locator("#Form_Email").FillAsync(email);
        await Page.Locator("#Form_Password").FillAsync("password1234");
        await Page.GetByTestId("register").ClickAsync();
        await Expect(Page.GetByTestId("password-error")).ToContainTextAsync(lang == "en" ? "too easy to guess" : "fácil demais de adivinhar");
        if (screenshots)
        {
            await Screenshots.SaveAsync(Page, "anonymous", "register-form", lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
        }

        await Page.Locator("#Form_Password").FillAsync(Passphrase);
        await Page.GetByTestId("register").ClickAsync();
        await Expect(Page.GetByTestId("registration-sent")).ToContainTextAsync(email);
        if (screenshots)
        {
            await Screenshots.SaveAsync(Page, "anonymous", "register-sent", lang);
        }
    }

    private async Task OpenConfirmationAsync(string email, string lang, bool screenshots)
    {
        var text = await SelfRegistrationApp.MailAsync(email, lang == "en" ? "TrainingHub: confirm your e-mail" : "TrainingHub: confirme seu e-mail");
        var link = new Uri(System.Net.WebUtility.HtmlDecode(ConfirmLink().Match(text).Value));
        await Page.GotoAsync(link.PathAndQuery);
        await Expect(Page.GetByTestId("registrant")).ToContainTextAsync(email);
        if (screenshots)
        {
            await Screenshots.SaveAsync(Page, "anonymous", "register-confirm", lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
        }

        await Page.GetByTestId("confirm").ClickAsync();
    }

    private async Task SignInAsync(string email)
    {
        await Page.Locator("#Email").FillAsync(email);
        await Page.Locator("#Password").FillAsync(Passphrase);
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("trainee-home")).ToBeVisibleAsync();
    }

    [TestCase("pt-BR", 0, "Seu e-mail foi confirmado e sua conta está pronta")]
    [TestCase("en", 1, "Your e-mail is confirmed and your account is ready")]
    public async Task An_imported_person_registers_confirms_by_the_emailed_link_and_signs_in(string lang, int which, string ready)
    {
        await UseLanguageAsync(lang);
        var person = await ImportedPersonAsync(which, lang);
        await FindOrganizationAndFillAsync(person.Organization, person.Cpf, person.Name, person.Email, lang, screenshots: true);
        await OpenConfirmationAsync(person.Email, lang, screenshots: true);
        await Expect(Page.Locator("main > .alert-success")).ToContainTextAsync(ready);
        await SignInAsync(person.Email);
        await Screenshots.SaveAsync(Page, "trainee", "self-registered-home", lang);

        await using var scope = SelfRegistrationApp.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        (await db.People.CountAsync(p => p.Cpf == person.Cpf)).ShouldBe(1, "the imported row got the account, no second person");
    }

    [TestCase("pt-BR", 2, "Pedido aprovado")]
    [TestCase("en", 3, "Request approved")]
    public async Task With_another_address_than_the_record_an_administrator_approves_the_request_first(string lang, int which, string approved)
    {
        await UseLanguageAsync(lang);
        var person = await ImportedPersonAsync(which, lang);
        var email = $"outro.{lang}.{Guid.NewGuid():N}@example.gov.br";
        await FindOrganizationAndFillAsync(person.Organization, person.Cpf, person.Name, email, lang, screenshots: false);
        await OpenConfirmationAsync(email, lang, screenshots: false);
        await Expect(Page.GetByTestId("registration-awaiting")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "anonymous", "register-awaiting", lang);

        await using var admin = await TestApp.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = SelfRegistrationApp.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var adminPage = await admin.NewPageAsync();
        var cookie = Uri.EscapeDataString($"c={lang}|uic={lang}");
        await admin.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = cookie, Url = SelfRegistrationApp.BaseAddress.ToString() }]);
        await adminPage.GotoAsync("/account/login");
        await adminPage.Locator("#Email").FillAsync(DemoUser.Administrator.Email);
        await adminPage.Locator("#Password").FillAsync(DemoUser.Password);
        await adminPage.Locator("main button[type=submit]").ClickAsync();
        await Expect(adminPage.GetByTestId("admin-home")).ToBeVisibleAsync();
        await adminPage.GotoAsync("/invitations");
        await adminPage.GetByTestId("registrations-link").ClickAsync();
        await adminPage.Locator("#search").FillAsync(email);
        await adminPage.Locator("main form[role=search] button[type=submit]").ClickAsync();
        var row = adminPage.GetByTestId("registration-row").Filter(new() { HasText = email });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("email-differs")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(adminPage, DemoUser.Administrator.Key, "registrations", lang);
        await Axe.AssertNoSeriousViolationsAsync(adminPage);
        await row.GetByTestId("approve").ClickAsync();
        await Expect(adminPage.Locator("main > .alert-success")).ToContainTextAsync(approved);

        await SelfRegistrationApp.MailAsync(email, lang == "en" ? "TrainingHub: your account is ready" : "TrainingHub: sua conta está pronta");
        await Page.GotoAsync("/account/login");
        await SignInAsync(email);
    }
}
