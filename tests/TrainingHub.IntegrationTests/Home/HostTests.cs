using System.Net;
using System.Text.Json;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Home;

public sealed class HostTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task Health_endpoints_answer_without_sign_in()
    {
        using var client = App.CreateClient();
        (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Test]
    public async Task The_openapi_document_describes_the_v1_api()
    {
        using var client = App.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = doc.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/people");
        paths.ShouldContain("/api/v1/organizations");
        paths.ShouldContain("/api/v1/me");
    }

    [Test]
    public async Task Pages_carry_the_security_headers()
    {
        using var client = App.CreateClient();
        var response = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Test]
    public async Task Portuguese_is_the_default_and_English_is_one_switch_away()
    {
        using var browser = NewBrowser();
        var (_, pt) = await browser.GetPageAsync("/account/login");
        pt.DocumentElement.GetAttribute("lang").ShouldBe("pt-BR");
        pt.Title.ShouldStartWith("Entrar");
        (await browser.SubmitAsync("/account/login", "/account/culture", new Dictionary<string, string?> { ["culture"] = "en", ["returnUrl"] = "/account/login" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, en) = await browser.GetPageAsync("/account/login");
        en.DocumentElement.GetAttribute("lang").ShouldBe("en");
        en.Title.ShouldStartWith("Sign in");
    }
}
