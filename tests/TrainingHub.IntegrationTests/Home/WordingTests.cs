using System.Net;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Home;

/// <summary>Words a new user met on the first day: agreement in Portuguese, the administrator's enrol button.</summary>
public sealed class WordingTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task A_missing_password_is_said_with_the_right_agreement()
    {
        using var browser = NewBrowser();
        var answer = await browser.SubmitAsync("/account/login?culture=pt-BR&ui-culture=pt-BR", "/account/login", new Dictionary<string, string?> { ["Email"] = TestApp.AdminEmail, ["Password"] = "" });
        var text = Browser.Parse(await answer.Content.ReadAsStringAsync()).Body!.TextContent;
        text.ShouldContain("O campo Senha é obrigatório.");
    }

    [Test]
    public async Task The_administrator_enrols_a_person_with_a_button_that_does_not_say_enrol_yourself()
    {
        var offeringId = await Arrange.ClassAsync(App, seats: 5);
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (status, page) = await browser.GetPageAsync($"/enrolments/offering/{offeringId}?culture=pt-BR&ui-culture=pt-BR");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=enrol-person]").ShouldNotBeNull().TextContent.Trim().ShouldBe("Inscrever");
    }
}
