using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TrainingHub.Core.Accounts;
using TrainingHub.IntegrationTests.Catalog;
using TrainingHub.IntegrationTests.Imports;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Home;

/// <summary>
/// Under /api every refusal the host itself makes (401, 403, 404, 405, 413, 415, 429) is a problem document in the
/// caller's language (Accept-Language), never the HTML error page nor a redirect to the sign-in page; an upload over
/// the limit on a screen is a page saying the limit and what to do.
/// </summary>
public sealed class ApiErrorTests(string provider) : CatalogFixture(provider)
{
    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage r, HttpStatusCode status, string title, string call)
    {
        var body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(status, $"{call}: {body}");
        r.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{call}: {body}");
        r.Headers.Location.ShouldBeNull(call);
        using var doc = JsonDocument.Parse(body);
        doc.RootElement.GetProperty("status").GetInt32().ShouldBe((int)status, call);
        doc.RootElement.GetProperty("title").GetString().ShouldBe(title, call);
        return doc.RootElement.Clone();
    }

    private HttpClient Anonymous(string language)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static HttpRequestMessage Get(string url, string language)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd(language);
        return request;
    }

    [Test]
    public async Task Without_a_token_or_with_a_bad_one_the_api_answers_401_problem_in_the_callers_language_not_a_redirect()
    {
        using var en = Anonymous("en-GB,en;q=0.9");
        await ProblemAsync(await en.GetAsync(new Uri("/api/v1/people", UriKind.Relative)), HttpStatusCode.Unauthorized,
            "Sign-in required: send a valid personal API token in the Authorization header (Bearer th_…).", "GET /api/v1/people, no token");
        using var pt = Anonymous("pt-BR");
        pt.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "th_not-a-real-token");
        await ProblemAsync(await pt.GetAsync(new Uri("/api/v1/people", UriKind.Relative)), HttpStatusCode.Unauthorized,
            "É preciso se identificar: envie um token pessoal de API válido no cabeçalho Authorization (Bearer th_…).", "GET /api/v1/people, bad token");

        // The screens still send a person to the sign-in page.
        var page = await en.GetAsync(new Uri("/people", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Test]
    public async Task A_role_without_access_gets_403_and_an_unknown_address_or_thing_404_as_problems()
    {
        using var auditor = await ApiAsync(await NewAccountAsync(Roles.Auditor));
        await ProblemAsync(await auditor.SendAsync(Get("/api/v1/outbox", "en")), HttpStatusCode.Forbidden, "You may not do this.", "auditor GET /api/v1/outbox");
        await ProblemAsync(await auditor.SendAsync(Get("/api/v1/outbox", "pt-BR")), HttpStatusCode.Forbidden, "Você não tem permissão para fazer isto.", "auditor GET /api/v1/outbox (pt-BR)");

        using var admin = await AdminApiAsync();
        await ProblemAsync(await admin.SendAsync(Get("/api/v1/no-such-thing", "en")), HttpStatusCode.NotFound, "Not found.", "GET /api/v1/no-such-thing");
        // An action's own bare NotFound() (an unknown export format) is translated too.
        await ProblemAsync(await admin.SendAsync(Get("/api/v1/reports/HoursByPerson/export.doc", "en")), HttpStatusCode.NotFound, "Not found.", "GET export.doc");
    }

    [Test]
    public async Task A_wrong_method_is_405_and_a_wrong_content_type_415_as_problems()
    {
        using var admin = await AdminApiAsync();
        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri("/api/v1/people", UriKind.Relative));
        delete.Headers.AcceptLanguage.ParseAdd("en");
        await ProblemAsync(await admin.SendAsync(delete), HttpStatusCode.MethodNotAllowed,
            "This address does not accept this method; the API reference (/openapi/v1.json) lists the ones it accepts.", "DELETE /api/v1/people");

        using var text = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/people", UriKind.Relative)) { Content = new StringContent("cpf=1", System.Text.Encoding.UTF8, "text/plain") };
        text.Headers.AcceptLanguage.ParseAdd("pt-BR");
        await ProblemAsync(await admin.SendAsync(text), HttpStatusCode.UnsupportedMediaType,
            "Este tipo de conteúdo não é aceito: envie application/json, ou multipart/form-data onde se espera um arquivo.", "POST text/plain /api/v1/people");
    }

    [Test]
    public async Task An_upload_over_the_limit_is_413_problem_on_the_api_and_a_page_saying_the_limit_on_the_screen()
    {
        var tooLarge = new byte[6 * 1024 * 1024];
        using var admin = await AdminApiAsync();
        foreach (var (language, message) in new[]
        {
            ("en", "The file is too large: the limit is 5 MB. Send a smaller file (split the spreadsheet into parts, or save the document at a lower resolution) and try again."),
            ("pt-BR", "O arquivo é grande demais: o limite é de 5 MB. Envie um arquivo menor (divida a planilha em partes ou salve o documento em resolução menor) e tente de novo."),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/imports/preview", UriKind.Relative)) { Content = ImportKit.Multipart(tooLarge, "pessoas.csv") };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var problem = await ProblemAsync(await admin.SendAsync(request), HttpStatusCode.RequestEntityTooLarge,
                language == "en" ? "Some fields need correcting." : "Há campos a corrigir.", $"POST /api/v1/imports/preview ({language})");
            problem.GetProperty("errors").GetProperty("File")[0].GetString().ShouldBe(message);
        }

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, form) = await browser.GetPageAsync("/imports");
        var token = form.QuerySelectorAll("input[name=__RequestVerificationToken]").OfType<IHtmlInputElement>().First().Value;
        using var upload = ImportKit.Multipart(tooLarge, "pessoas.csv", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        var answer = await browser.Client.PostAsync(new Uri("/imports", UriKind.Relative), upload);
        answer.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = Browser.Parse(await answer.Content.ReadAsStringAsync());
        html.QuerySelector("[data-testid=reasons]")!.TextContent.Trim().ShouldStartWith("O arquivo é grande demais: o limite é de 5 MB.");
        html.QuerySelector("[data-testid=back-to-form]")!.GetAttribute("href").ShouldBe("/imports");
        html.QuerySelector("h1")!.TextContent.ShouldBe("Este arquivo é grande demais para enviar", "a heading of its own, not the generic error's");

        using var english = ImportKit.Multipart(tooLarge, "pessoas.csv", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        var answered = await browser.Client.PostAsync(new Uri("/imports?culture=en", UriKind.Relative), english);
        answered.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        Browser.Parse(await answered.Content.ReadAsStringAsync()).QuerySelector("h1")!.TextContent.ShouldBe("This file is too large to upload");
    }

    [Test]
    public async Task Too_many_requests_is_429_problem_with_retry_after()
    {
        using var limited = App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Certificates:VerifyPermitsPerMinute", "1");
            b.UseSetting("Demo:Enabled", "false");
        });
        using var client = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        (await client.GetAsync(new Uri("/api/v1/verify/NOPE-0000", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var refused = await client.GetAsync(new Uri("/api/v1/verify/NOPE-0000", UriKind.Relative));
        await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "Too many attempts. Try again later.", "second verify within the minute");
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        retryAfter.ShouldNotBeNull();
        retryAfter.Value.TotalSeconds.ShouldBeInRange(1, 60);
    }
}
