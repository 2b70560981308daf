using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>An HTTP client that behaves like a person's browser: keeps cookies, reads forms and their antiforgery tokens.</summary>
public sealed class Browser(HttpClient client) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public async Task<(HttpStatusCode Status, IHtmlDocument Html)> GetPageAsync(string url)
    {
        using var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Fills the form that posts to <paramref name="action"/> on <paramref name="page"/> (its token included) and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string action, IDictionary<string, string?> fields)
    {
        var (_, html) = await GetPageAsync(page);
        var form = html.Forms.FirstOrDefault(f => f.GetAttribute("action") == action)
            ?? throw new AssertionException($"No form posting to {action} on {page}.");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => (string?)i.Value);
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }

        return await PostAsync(action, values);
    }

    public async Task<HttpResponseMessage> PostAsync(string action, IDictionary<string, string?> values)
    {
        using var content = new FormUrlEncodedContent(values.Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!)));
        return await Client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        await SubmitAsync("/account/login", "/account/login", new Dictionary<string, string?> { ["Email"] = email, ["Password"] = password });

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public void Dispose() => Client.Dispose();
}
