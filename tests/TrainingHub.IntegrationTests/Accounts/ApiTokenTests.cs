using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Accounts;

public sealed class ApiTokenTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task A_token_created_on_the_page_works_until_revoked_and_is_stored_only_as_a_hash()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var created = await browser.SubmitAsync("/account/tokens", "/account/tokens", new Dictionary<string, string?> { ["name"] = "integration", ["days"] = "30" });
        var token = Browser.Parse(await created.Content.ReadAsStringAsync()).QuerySelector("[data-testid=new-token]")!.TextContent.Trim();
        token.ShouldStartWith("th_");
        (await App.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.TokenHash == token))).ShouldBeFalse("the clear token is never stored");
        (await App.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.TokenHash == ApiTokenFormat.Hash(token)))).ShouldBeTrue();

        using var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var me = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/me", UriKind.Relative))))
        {
            me.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldContain(Roles.Administrator);
        }

        var id = await App.WithDbAsync(db => db.ApiTokens.Where(t => t.TokenHash == ApiTokenFormat.Hash(token)).Select(t => t.Id).SingleAsync());
        (await browser.SubmitAsync("/account/tokens", $"/account/tokens/{id}/revoke", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task The_api_answers_401_not_a_login_page_to_anonymous_callers_and_to_unknown_tokens()
    {
        using var api = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await api.GetAsync(new Uri("/api/v1/people", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "th_" + new string('x', 43));
        (await api.GetAsync(new Uri("/api/v1/people", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_cookie_session_cannot_change_data_through_the_api_without_the_antiforgery_header()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        using var content = new StringContent("{\"name\":\"x\",\"kind\":\"Council\"}", System.Text.Encoding.UTF8, "application/json");
        var response = await browser.Client.PostAsync(new Uri("/api/v1/organizations", UriKind.Relative), content);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("antiforgery");
    }
}
