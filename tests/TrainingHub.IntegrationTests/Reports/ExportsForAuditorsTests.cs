using System.Net;
using System.Text;
using System.Text.Json;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Reports;

/// <summary>
/// Exports as a Brazilian auditor opens them: CSV that Excel in Portuguese splits into columns (';', decimal comma,
/// BOM), PDF tables that wrap long organisation names instead of cutting two of them to the same prefix, the scope
/// written in words, and a report form that keeps its dates when it shows a warning.
/// </summary>
public sealed partial class ExportsForAuditorsTests(string provider) : OnBothDatabases(provider)
{
    private const string Period = "from=2020-01-01&to=2029-12-31";

    [Test]
    public async Task A_portuguese_csv_uses_semicolons_and_decimal_commas_and_says_the_same_as_the_english_one()
    {
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var pt = await BytesAsync(api, $"/api/v1/reports/HoursByOrganization/export.csv?{Period}&culture=pt-BR");
        var en = await BytesAsync(api, $"/api/v1/reports/HoursByOrganization/export.csv?{Period}&culture=en");
        pt[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(pt, 3, pt.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldContain(';');
        lines[0].ShouldNotContain(',');
        lines.ShouldContain(l => DecimalComma().IsMatch(l), "hours written with a decimal comma");
        lines.ShouldNotContain(l => DecimalDot().IsMatch(l));
        ReportFiles.ParseCsv(pt).Skip(1).ShouldBe(ReportFiles.ParseCsv(en).Skip(1), "the same figures in both notations");
    }

    [Test]
    public async Task The_pdf_wraps_long_organisation_names_and_names_the_scope()
    {
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var text = ReportFiles.PdfText(await BytesAsync(api, $"/api/v1/reports/HoursByOrganization/export.pdf?{Period}&culture=pt-BR"));
        text.ShouldNotContain("…", Case.Sensitive, "no name is cut");
        text.ShouldContain("Todas as organizações");

        var json = await (await api.GetAsync(new Uri($"/api/v1/reports/HoursByOrganization?{Period}&culture=en", UriKind.Relative))).Content.ReadAsStringAsync();
        json.ShouldContain("Every organisation");
        json.ShouldNotContain("\"*\"");
    }

    [Test]
    public async Task The_report_form_keeps_its_dates_when_it_shows_a_warning()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, page) = await browser.GetPageAsync("/reports?kind=HoursByPerson&from=2026-05-10&to=2026-02-01");
        page.QuerySelector("[data-testid=report-error]").ShouldNotBeNull();
        page.QuerySelector("#from")!.GetAttribute("value").ShouldBe("2026-05-10");
        page.QuerySelector("#to")!.GetAttribute("value").ShouldBe("2026-02-01");
    }

    private static async Task<byte[]> BytesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsByteArrayAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(^|;)\d+,\d\d(;|$)")]
    private static partial System.Text.RegularExpressions.Regex DecimalComma();

    [System.Text.RegularExpressions.GeneratedRegex(@"(^|;)\d+\.\d\d(;|$)")]
    private static partial System.Text.RegularExpressions.Regex DecimalDot();
}
