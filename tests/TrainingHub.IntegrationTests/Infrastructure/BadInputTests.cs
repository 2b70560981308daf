using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Organizations;

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>
/// The bad inputs of issue 18, one test per finding: each is answered 4xx naming the field (problem details in the
/// caller's language on the API, the form's field message on a page), never a 500, on SQLite and PostgreSQL.
/// </summary>
public sealed class BadInputTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task A_line_break_in_a_title_or_a_name_is_refused_naming_the_field_on_the_api_and_the_form()
    {
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var org = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == OrganizationKind.StateAgency).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var course = await App.WithDbAsync(db => db.Courses.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

        var title = await api.PostAsJsonAsync("/api/v1/classes?culture=en", new
        {
            courseId = course,
            code = "BI-" + Guid.NewGuid().ToString("N")[..8],
            title = "Gestão\r\nBcc: x@example.gov.br",
            startsOn = "2026-03-02",
            endsOn = "2026-03-31",
            seats = 30,
            status = "Published",
        });
        await ShouldNameAsync(title, "Title", "Must fit on one line: no line breaks, tabs or control characters.");

        var programme = await api.PostAsJsonAsync("/api/v1/programmes", new { code = "BI-P\t1", name = "Programa", ownerOrganizationId = org, targetHours = "48" });
        await ShouldNameAsync(programme, "Code", "Deve caber em uma linha: sem quebras de linha, tabulações nem caracteres de controle.");

        var person = await api.PostAsJsonAsync("/api/v1/people?culture=en", new { cpf = Data.NewCpf(), fullName = "Ana\nLúcia", email = "ana.bi@example.gov.br", organizationId = org });
        await ShouldNameAsync(person, "FullName", "Must fit on one line: no line breaks, tabs or control characters.");

        // A multi-line description stays allowed where the field is meant for paragraphs.
        var described = await api.PostAsJsonAsync("/api/v1/programmes", new { code = "BI-" + Guid.NewGuid().ToString("N")[..8], name = "Programa", description = "Linha 1\nLinha 2", ownerOrganizationId = org, targetHours = "48" });
        described.StatusCode.ShouldBe(HttpStatusCode.Created, await described.Content.ReadAsStringAsync());

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var form = await browser.SubmitAsync("/people/new", "/people/new", new Dictionary<string, string?>
        {
            ["Form.Cpf"] = Data.NewCpf(),
            ["Form.FullName"] = "Conceição\r\nAraújo",
            ["Form.Email"] = "conceicao.bi@example.gov.br",
            ["Form.OrganizationId"] = org.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        form.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Browser.Parse(await form.Content.ReadAsStringAsync()).QuerySelector("[data-valmsg-for='Form.FullName']")!.TextContent
            .ShouldContain("Deve caber em uma linha");
    }

    [Test]
    public async Task A_nul_byte_in_any_search_box_is_refused_naming_the_parameter()
    {
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        foreach (var list in new[] { "/api/v1/people", "/api/v1/organizations", "/api/v1/courses", "/api/v1/programmes", "/api/v1/outbox" })
        {
            var response = await api.GetAsync(new Uri($"{list}?culture=en&search=a%00b", UriKind.Relative));
            await ShouldNameAsync(response, "search", "Must fit on one line: no line breaks, tabs or control characters.");
        }

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        foreach (var page in new[] { "/people", "/organizations", "/admin/outbox", "/at-risk", "/justifications" })
        {
            var (status, html) = await browser.GetPageAsync($"{page}?search=%00");
            status.ShouldBe(HttpStatusCode.BadRequest, page);
            html.Body!.TextContent.ShouldStartWith("search: Deve caber em uma linha");
        }
    }

    [Test]
    public async Task Page_numbers_and_sizes_out_of_bounds_are_refused_naming_the_parameter_on_every_list()
    {
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        string[] apiLists = ["/api/v1/people", "/api/v1/organizations", "/api/v1/courses", "/api/v1/programmes", "/api/v1/outbox", "/api/v1/audit", "/api/v1/at-risk", "/api/v1/reports/HoursByPerson"];
        foreach (var list in apiLists)
        {
            foreach (var page in new[] { "2147483647", "0", "-1", "1000001", "abc" })
            {
                await ShouldNameAsync(await api.GetAsync(new Uri($"{list}?culture=en&page={page}", UriKind.Relative)), "page",
                    "The “page” parameter must be a whole number from 1 to 1,000,000.");
            }

            foreach (var size in new[] { "0", "-5", "201", "2147483647" })
            {
                await ShouldNameAsync(await api.GetAsync(new Uri($"{list}?pageSize={size}", UriKind.Relative)), "pageSize",
                    "O parâmetro “pageSize” deve ser um número inteiro de 1 a 200.");
            }

            // The last page allowed, at the largest size, is an empty page, not an overflow.
            var last = await api.GetAsync(new Uri($"{list}?page=1000000&pageSize=200", UriKind.Relative));
            last.StatusCode.ShouldBe(HttpStatusCode.OK, $"{list}: {await last.Content.ReadAsStringAsync()}");
        }

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        foreach (var list in new[] { "/people", "/organizations", "/admin/outbox", "/at-risk", "/justifications", "/audit", "/reports", "/reports/subscriptions" })
        {
            foreach (var page in new[] { "2147483647", "0", "-1" })
            {
                var (status, html) = await browser.GetPageAsync($"{list}?page={page}");
                status.ShouldBe(HttpStatusCode.BadRequest, list);
                html.QuerySelector("[data-testid=reasons]")!.TextContent.ShouldContain("O parâmetro “page” deve ser um número inteiro de 1 a 1.000.000.");
            }

            (await browser.GetPageAsync($"{list}?page=1000000")).Status.ShouldBe(HttpStatusCode.OK, list);
        }
    }

    [Test]
    public async Task Report_dates_outside_the_window_or_too_far_apart_are_refused_naming_the_field()
    {
        var latest = $"31/12/{TrainingHub.Core.Common.SaoPaulo.Today(App.Clock).Year + 5}";
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        foreach (var url in new[] { "/api/v1/reports/HoursByPerson", "/api/v1/reports/AttendanceRows", "/api/v1/reports/Targets", "/api/v1/reports/HoursByPerson/export.csv" })
        {
            var wide = await api.GetAsync(new Uri($"{url}?from=0001-01-01&to=9999-12-31&culture=en", UriKind.Relative));
            await ShouldNameAsync(wide, "From", $"The start date must be between 01/01/2000 and {latest}.");
            await ShouldNameAsync(await api.GetAsync(new Uri($"{url}?from=0001-01-01&to=9999-12-31&culture=en", UriKind.Relative)), "To",
                $"The end date must be between 01/01/2000 and {latest}.");
            await ShouldNameAsync(await api.GetAsync(new Uri($"{url}?to=9999-12-31", UriKind.Relative)), "To",
                $"A data final deve estar entre 01/01/2000 e {latest}.");
            await ShouldNameAsync(await api.GetAsync(new Uri($"{url}?from=2000-01-01&to=2010-01-01&culture=en", UriKind.Relative)), "To",
                "A report covers at most 10 years: bring the end date closer to the start date.");
        }

        var tenYears = await api.GetAsync(new Uri("/api/v1/reports/HoursByPerson?from=2020-01-01&to=2029-12-31", UriKind.Relative));
        tenYears.StatusCode.ShouldBe(HttpStatusCode.OK, await tenYears.Content.ReadAsStringAsync());

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (status, page) = await browser.GetPageAsync("/reports?kind=HoursByPerson&from=0001-01-01&to=9999-12-31");
        status.ShouldBe(HttpStatusCode.BadRequest);
        page.QuerySelector("[data-testid=report-error]")!.TextContent
            .ShouldBe($"A data inicial deve estar entre 01/01/2000 e {latest}. A data final deve estar entre 01/01/2000 e {latest}.");
        page.QuerySelector("#from")!.GetAttribute("value").ShouldBe("0001-01-01");
    }

    [Test]
    public async Task Audit_date_filters_outside_the_reports_window_are_refused_naming_the_field()
    {
        var latest = $"31/12/{TrainingHub.Core.Common.SaoPaulo.Today(App.Clock).Year + 5}";
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var wide = await api.GetAsync(new Uri("/api/v1/audit?from=0001-01-01&to=9999-12-31&culture=en", UriKind.Relative));
        await ShouldNameAsync(wide, "From", $"The start date must be between 01/01/2000 and {latest}.");
        await ShouldNameAsync(await api.GetAsync(new Uri("/api/v1/audit?to=9999-12-31", UriKind.Relative)), "To", $"A data final deve estar entre 01/01/2000 e {latest}.");
        (await api.GetAsync(new Uri("/api/v1/audit?from=2020-01-01&to=2030-12-31", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        foreach (var url in new[] { "/audit?from=0001-01-01&to=9999-12-31", "/audit/export.csv?from=0001-01-01&to=9999-12-31" })
        {
            var (status, page) = await browser.GetPageAsync(url);
            status.ShouldBe(HttpStatusCode.BadRequest, url);
            page.QuerySelector("[data-testid=reasons]")!.TextContent.ShouldContain($"A data inicial deve estar entre 01/01/2000 e {latest}.");
        }
    }

    private static async Task ShouldNameAsync(HttpResponseMessage response, string field, string message)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(body);
        problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString().ShouldBe(message);
    }
}
