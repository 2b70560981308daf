using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Accounts;

/// <summary>Every cookie the app sets carries <c>Secure</c> when the request came over https, and not over plain http.</summary>
public sealed class CookieTests(string provider) : OnBothDatabases(provider)
{
    private HttpClient Client(string scheme) => App.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"{scheme}://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.SingleOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)).ShouldNotBeNull($"{name} was not set")
            : throw new ShouldAssertException($"no cookie was set; {name} expected");

    private static bool IsSecure(string cookie) => cookie.Split(';').Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase));

    [TestCase("https", true)]
    [TestCase("http", false)]
    public async Task The_antiforgery_and_language_cookies_are_secure_exactly_over_https(string scheme, bool secure)
    {
        using var client = Client(scheme);
        var login = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        IsSecure(SetCookie(login, "th.csrf")).ShouldBe(secure, "antiforgery cookie");

        var token = Browser.Parse(await login.Content.ReadAsStringAsync())
            .QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull().GetAttribute("value")!;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token });
        var culture = await client.PostAsync(new Uri("/account/culture", UriKind.Relative), form);
        culture.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        IsSecure(SetCookie(culture, ".AspNetCore.Culture")).ShouldBe(secure, "language cookie");
    }
}
