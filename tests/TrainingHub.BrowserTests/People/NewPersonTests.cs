using System.Security.Cryptography;
using TrainingHub.Core.Common;

namespace TrainingHub.BrowserTests.People;

public sealed class NewPersonTests : BrowserTest
{
    [Test]
    public async Task An_administrator_is_told_which_CPF_is_invalid_registers_a_valid_one_and_cannot_register_it_twice()
    {
        await UseLanguageAsync("pt-BR");
        await SignInAndWaitForHomeAsync(DemoUser.Administrator);
        var cpf = Cpf.Format(Cpf.FromBase(RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)));

        await FillNewPersonAsync("123.456.789-00", "Teste Navegador da Silva");
        await Expect(Page).ToHaveURLAsync(new Uri(TestApp.BaseAddress, "/people/new").ToString());
        var cpfError = Page.Locator("[data-valmsg-for='Form.Cpf']");
        await Expect(cpfError).ToContainTextAsync("CPF \"123.456.789-00\" é inválido");
        await Expect(Page.GetByTestId("errors")).ToContainTextAsync("CPF");
        await Expect(Page.Locator("#Form_Cpf")).ToHaveValueAsync("123.456.789-00");
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "people-new-invalid-cpf", "pt-BR");

        await FillNewPersonAsync(cpf, "Teste Navegador da Silva");
        await Expect(Page).ToHaveURLAsync(new Uri(TestApp.BaseAddress, "/people").ToString());
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Status)).ToContainTextAsync("Cadastro criado: Teste Navegador da Silva.");
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "people-created", "pt-BR");

        await FillNewPersonAsync(cpf, "Outra Pessoa de Teste");
        await Expect(cpfError).ToContainTextAsync($"O CPF {cpf} já está cadastrado");
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "people-new-duplicate-cpf", "pt-BR");
    }

    private async Task FillNewPersonAsync(string cpf, string name)
    {
        if (new Uri(Page.Url).AbsolutePath != "/people/new")
        {
            await Page.GotoAsync("/people/new");
        }

        await Page.Locator("#Form_Cpf").FillAsync(cpf);
        await Page.Locator("#Form_FullName").FillAsync(name);
        await Page.Locator("#Form_Email").FillAsync($"teste.{Guid.NewGuid():N}@example.gov.br");
        await Page.Locator("#Form_OrganizationId").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Index = 1 });
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Page.WaitForLoadStateAsync();
    }
}
