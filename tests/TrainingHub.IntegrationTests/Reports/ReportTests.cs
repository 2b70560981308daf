using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Reports;

/// <summary>Reports checked against an independent sum over the raw attendance rows, in every format and for every reader.</summary>
public sealed partial class ReportTests(string provider) : OnBothDatabases(provider)
{
    private const string Auditor = "auditor@demo.traininghub.local";
    private const string Period = "from=2020-01-01&to=2029-12-31";

    // A database of its own: no other fixture adds attendance to the demo programmes, and the audit tests below may break the chain for a moment.
    protected override string? Isolation => "reports";

    private sealed record Raw(int PersonId, string Name, string Cpf, int OrganizationId, string OrganizationPath, int? ProgrammeId, int Credited);

    /// <summary>Every attendance row of non-cancelled sessions, credited by the in-memory rule (not the report's SQL).</summary>
    private Task<List<Raw>> RawAsync() => App.WithDbAsync(async db =>
    {
        var rows = await (from a in db.AttendanceRecords
                          join s in db.Sessions on a.SessionId equals s.Id
                          join o in db.Offerings on s.OfferingId equals o.Id
                          join p in db.People on a.PersonId equals p.Id
                          where s.Status != SessionStatus.Cancelled
                          select new { a.PersonId, p.FullName, p.Cpf, p.OrganizationId, p.Organization!.Path, o.ProgrammeId, a.Status, a.Minutes, s.CreditedMinutes })
            .AsNoTracking().ToListAsync();
        return rows.Select(r => new Raw(r.PersonId, r.FullName, r.Cpf, r.OrganizationId, r.Path, r.ProgrammeId, AttendanceRecord.Credit(r.Status, r.Minutes, r.CreditedMinutes))).ToList();
    });

    private Task<int> FirstProgrammeAsync() => App.WithDbAsync(db => db.Programmes.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());

    private static async Task<byte[]> PostBytesAsync(HttpClient client, string url)
    {
        var response = await client.PostAsync(new Uri(url, UriKind.Relative), null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Test]
    public async Task On_the_screen_the_full_cpf_export_is_a_form_post_with_its_token_and_a_get_or_a_forged_post_writes_nothing()
    {
        var programme = await FirstProgrammeAsync();
        int Exports() => App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "Export")).GetAwaiter().GetResult();
        var before = Exports();
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var page = $"/reports?kind=HoursByPerson&programmeId={programme}&{Period}";
        (await browser.GetPageAsync(page)).Html.QuerySelector("[data-testid=export-full-cpf]")!.GetAttribute("method").ShouldBe("post");

        (await browser.Client.GetAsync(new Uri($"/reports/export-full-cpf?format=csv&kind=HoursByPerson&programmeId={programme}", UriKind.Relative))).StatusCode
            .ShouldBe(HttpStatusCode.MethodNotAllowed, "the export is a form post: a GET on its address is refused as such");
        (await browser.PostAsync("/reports/export-full-cpf", new Dictionary<string, string?> { ["format"] = "csv", ["kind"] = "HoursByPerson" })).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
        Exports().ShouldBe(before);

        var export = await browser.SubmitAsync(page, "/reports/export-full-cpf", new Dictionary<string, string?> { ["format"] = "csv" });
        export.StatusCode.ShouldBe(HttpStatusCode.OK, await export.Content.ReadAsStringAsync());
        ReportFiles.ParseCsv(await export.Content.ReadAsByteArrayAsync()).Skip(1).SkipLast(1).ShouldAllBe(l => FullCpf().IsMatch(l[1]));
        Exports().ShouldBe(before + 1);
    }

    private static async Task<byte[]> GetBytesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Hours(int minutes) => (minutes / 60m).ToString("0.00", CultureInfo.InvariantCulture);

    [Test]
    public async Task An_auditor_exports_the_first_programmes_hours_per_trainee_and_organisation_in_csv_xlsx_and_pdf_and_they_agree_with_the_attendance_rows()
    {
        var programme = await FirstProgrammeAsync();
        var raw = (await RawAsync()).Where(r => r.ProgrammeId == programme).ToList();
        var perPerson = raw.GroupBy(r => (r.Name, Masked: Cpf.Mask(r.Cpf))).ToDictionary(g => g.Key, g => g.Sum(r => r.Credited));
        var total = raw.Sum(r => r.Credited);
        total.ShouldBeGreaterThan(0);
        TestContext.Out.WriteLine($"{ProviderName}: programme {programme}: {perPerson.Count} trainees, {raw.Count} attendance rows, {total} minutes");
        using var api = await App.ApiClientAsync(Auditor);
        var query = $"programmeId={programme}&{Period}&culture=en";

        // CSV: header, one line per trainee with masked CPF, minutes and hours, then the total.
        var csv = ReportFiles.ParseCsv(await GetBytesAsync(api, $"/api/v1/reports/HoursByPerson/export.csv?{query}"));
        csv[0].ShouldBe(["Name", "CPF", "Organisation", "Minutes", "Hours"]);
        var lines = csv.Skip(1).SkipLast(1).ToList();
        lines.Count.ShouldBe(perPerson.Count);
        lines.ToDictionary(l => (l[0], l[1]), l => int.Parse(l[3], CultureInfo.InvariantCulture)).ShouldBe(perPerson, ignoreOrder: true);
        lines.ShouldAllBe(l => l[4] == Hours(int.Parse(l[3], CultureInfo.InvariantCulture)));
        lines.ShouldAllBe(l => MaskedCpf().IsMatch(l[1]));
        csv[^1][0].ShouldBe("Total");
        csv[^1][3].ShouldBe(total.ToString(CultureInfo.InvariantCulture));

        // XLSX, read by openpyxl: the same lines as typed numbers, a frozen header row and an About sheet.
        var xlsx = ReportFiles.ReadXlsx(await GetBytesAsync(api, $"/api/v1/reports/HoursByPerson/export.xlsx?{query}"));
        xlsx.GetProperty("freeze").GetString().ShouldBe("A2");
        xlsx.GetProperty("sheets").EnumerateArray().Select(s => s.GetString()).ShouldBe(["Report", "About"]);
        var sheet = xlsx.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToList();
        sheet.Count.ShouldBe(csv.Count);
        for (var i = 1; i < sheet.Count; i++)
        {
            sheet[i][3].GetProperty("t").GetString().ShouldBe("num");
            sheet[i][4].GetProperty("t").GetString().ShouldBe("num");
            sheet[i][3].GetProperty("v").GetInt32().ToString(CultureInfo.InvariantCulture).ShouldBe(csv[i][3]);
            sheet[i][4].GetProperty("v").GetDecimal().ToString("0.00", CultureInfo.InvariantCulture).ShouldBe(csv[i][4]);
            if (i < sheet.Count - 1)
            {
                sheet[i][0].GetProperty("v").GetString().ShouldBe(csv[i][0]);
                sheet[i][1].GetProperty("v").GetString().ShouldBe(csv[i][1]);
            }
        }

        var about = string.Join('\n', xlsx.GetProperty("about").EnumerateArray().Select(r => string.Join(" | ", r.EnumerateArray().Select(c => c.GetString()))));
        about.ShouldContain("Produced at");
        about.ShouldContain("Produced by");
        about.ShouldContain("01/01/2020 – 31/12/2029");

        // PDF summary: the filters, the total and every trainee's hours as pdftotext reads them.
        var pdf = ReportFiles.PdfText(await GetBytesAsync(api, $"/api/v1/reports/HoursByPerson/export.pdf?{query}"));
        pdf.ShouldContain("Hours by person");
        pdf.ShouldContain("Produced at");
        pdf.ShouldContain($"Rows: {perPerson.Count.ToString("N0", CultureInfo.GetCultureInfo("en"))}");
        pdf.ShouldContain(Core.Common.Hours.Format(total, CultureInfo.GetCultureInfo("en")));
        var pdfLines = pdf.Split('\n');
        foreach (var l in lines)
        {
            pdfLines.ShouldContain(x => x.Contains(l[1], StringComparison.Ordinal) && x.TrimEnd().EndsWith(Core.Common.Hours.Format(int.Parse(l[3], CultureInfo.InvariantCulture), CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal), l[0]);
        }

        // Per organisation: each organisation's own minutes are the sum of its people's; the total is the same number.
        var perOrg = raw.GroupBy(r => r.OrganizationId).ToDictionary(g => g.Key, g => g.Sum(r => r.Credited));
        var names = await App.WithDbAsync(db => db.Organizations.ToDictionaryAsync(o => o.Name, o => o.Id));
        foreach (var format in new[] { "csv", "xlsx", "pdf" })
        {
            var bytes = await GetBytesAsync(api, $"/api/v1/reports/HoursByOrganization/export.{format}?{query}");
            if (format == "csv")
            {
                var org = ReportFiles.ParseCsv(bytes);
                org.Skip(1).SkipLast(1).Where(l => l[2] != "0").ToDictionary(l => names[l[0]], l => int.Parse(l[2], CultureInfo.InvariantCulture)).ShouldBe(perOrg, ignoreOrder: true);
                org[^1][2].ShouldBe(total.ToString(CultureInfo.InvariantCulture));
            }
            else if (format == "xlsx")
            {
                var rows = ReportFiles.ReadXlsx(bytes).GetProperty("rows").EnumerateArray().ToList();
                rows[^1][2].GetProperty("v").GetInt32().ShouldBe(total);
                rows.Skip(1).SkipLast(1).Sum(r => r[2].GetProperty("v").GetInt32()).ShouldBe(total);
            }
            else
            {
                ReportFiles.PdfText(bytes).ShouldContain(total.ToString("N0", CultureInfo.GetCultureInfo("en")));
            }
        }

        // And the API's JSON (the screen's source) has the same total.
        var json = await api.GetFromJsonAsync<JsonElement>($"/api/v1/reports/HoursByProgramme?{Period}");
        json.GetProperty("rows").EnumerateArray().Sum(r => r[2].GetInt32()).ShouldBe((await RawAsync()).Sum(r => r.Credited));
    }

    [Test]
    public async Task Every_grouping_adds_up_to_the_same_total_as_the_raw_rows()
    {
        var total = (await RawAsync()).Sum(r => r.Credited);
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        foreach (var kind in new[] { "HoursByPerson", "HoursByMunicipality", "HoursByProgramme", "HoursByCourse", "HoursByClass", "HoursByMonth", "HoursByQuarter", "HoursByYear" })
        {
            var csv = ReportFiles.ParseCsv(await GetBytesAsync(api, $"/api/v1/reports/{kind}/export.csv?{Period}"));
            var minutes = Array.IndexOf(csv[0], "Minutos");
            minutes.ShouldBeGreaterThan(-1, kind);
            csv.Skip(1).SkipLast(1).Sum(l => int.Parse(l[minutes], CultureInfo.InvariantCulture)).ShouldBe(total, kind);
            csv[^1][minutes].ShouldBe(total.ToString(CultureInfo.InvariantCulture), kind);
        }

        var rate = await api.GetFromJsonAsync<JsonElement>($"/api/v1/reports/AttendanceRate?{Period}&pageSize=200");
        rate.GetProperty("totals")[3].GetInt32().ShouldBe(total);
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/reports/AttendanceRows?{Period}&pageSize=5");
        detail.GetProperty("totalCount").GetInt32().ShouldBe((await RawAsync()).Count);
        detail.GetProperty("totals")[7].GetInt32().ShouldBe(total);
    }

    [TestCase("admin.prefeitura@demo.traininghub.local", false)]
    [TestCase("auditor.seplag@demo.traininghub.local", true)]
    public async Task A_scoped_reader_sees_only_their_jurisdiction_in_the_api_and_in_exports(string email, bool ownsProgrammes)
    {
        var path = await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.ScopeOrganization!.Path).SingleAsync());
        var owned = await App.WithDbAsync(db => db.Programmes.Where(p => p.OwnerOrganization!.Path.StartsWith(path)).Select(p => (int?)p.Id).ToListAsync());
        var raw = await RawAsync();
        // Their people's rows, and every participant's rows in the programmes their organisation runs (the planning
        // secretariat runs the strategy network, whose participants all belong to other organisations).
        var mine = raw.Where(r => r.OrganizationPath.StartsWith(path, StringComparison.Ordinal) || owned.Contains(r.ProgrammeId)).ToList();
        mine.ShouldNotBeEmpty();
        (owned.Count > 0).ShouldBe(ownsProgrammes);

        mine.Count.ShouldBeLessThan(raw.Count);
        using var api = await App.ApiClientAsync(email);

        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/reports/HoursByPerson?{Period}&pageSize=200");
        page.GetProperty("totalCount").GetInt32().ShouldBe(mine.Select(r => r.PersonId).Distinct().Count());
        page.GetProperty("totals")[3].GetInt32().ShouldBe(mine.Sum(r => r.Credited));

        var csv = ReportFiles.ParseCsv(await GetBytesAsync(api, $"/api/v1/reports/HoursByPerson/export.csv?{Period}"));
        csv.Count.ShouldBe(mine.Select(r => r.PersonId).Distinct().Count() + 2);
        var outside = raw.Except(mine).Select(r => Cpf.Mask(r.Cpf)).ToHashSet();
        var insideCpfs = mine.Select(r => Cpf.Mask(r.Cpf)).ToHashSet();
        csv.Skip(1).SkipLast(1).ShouldAllBe(l => insideCpfs.Contains(l[1]) || !outside.Contains(l[1]));

        // Asking for an organisation outside the scope gives only what the reader sees of it (their programmes' participants), not anyone else's.
        var foreign = await App.WithDbAsync(db => db.Organizations.Where(o => !o.Path.StartsWith(path)).OrderBy(o => o.Id).Select(o => new { o.Id, o.Path }).FirstAsync());
        var none = await api.GetFromJsonAsync<JsonElement>($"/api/v1/reports/HoursByPerson?{Period}&organizationId={foreign.Id}");
        none.GetProperty("totalCount").GetInt32().ShouldBe(mine.Where(r => r.OrganizationPath.StartsWith(foreign.Path, StringComparison.Ordinal)).Select(r => r.PersonId).Distinct().Count());

        // The screen says the same.
        var screen = await api.GetStringAsync(new Uri($"/reports?kind=HoursByPerson&{Period}", UriKind.Relative));
        screen.ShouldContain(Core.Common.Hours.Format(mine.Sum(r => r.Credited), CultureInfo.GetCultureInfo("pt-BR")));
    }

    [Test]
    public async Task A_trainee_gets_no_report()
    {
        var (email, _) = await Attendance.AttendanceKit.AccountAsync(App, Roles.Trainee);
        using var api = await App.ApiClientAsync(email);
        (await api.GetAsync(new Uri("/api/v1/reports/HoursByPerson", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.GetAsync(new Uri("/api/v1/reports/HoursByPerson/export.csv", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Full_cpfs_go_only_to_administrators_and_each_such_export_is_an_audit_entry()
    {
        var programme = await FirstProgrammeAsync();
        int Exports() => App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "Export")).GetAwaiter().GetResult();
        var before = Exports();

        using (var auditor = await App.ApiClientAsync(Auditor))
        {
            var csv = ReportFiles.ParseCsv(await PostBytesAsync(auditor, $"/api/v1/reports/HoursByPerson/export-full-cpf.csv?programmeId={programme}&{Period}"));
            csv.Skip(1).SkipLast(1).ShouldAllBe(l => MaskedCpf().IsMatch(l[1]));
            Exports().ShouldBe(before);
        }

        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var full = ReportFiles.ParseCsv(await PostBytesAsync(admin, $"/api/v1/reports/HoursByPerson/export-full-cpf.csv?programmeId={programme}&{Period}"));
        full.Skip(1).SkipLast(1).ShouldAllBe(l => FullCpf().IsMatch(l[1]));
        Exports().ShouldBe(before + 1);
        var entry = await App.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync());
        entry.Action.ShouldBe("Export");
        entry.ActorName.ShouldNotBe("system");
        using var after = JsonDocument.Parse(entry.AfterJson!);
        after.RootElement.GetProperty("rows").GetInt32().ShouldBe(full.Count - 2);
        after.RootElement.GetProperty("programmeId").GetInt32().ShouldBe(programme);
        after.RootElement.GetProperty("format").GetString().ShouldBe("csv");
        await App.SealAuditAsync();
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();

        // The full-CPF export is a POST: a GET (a link elsewhere) on its address is refused as a wrong method and writes
        // nothing; a GET export asking for full CPFs the old way gets masked ones and writes nothing either.
        var byGet = await admin.GetAsync(new Uri($"/api/v1/reports/HoursByPerson/export-full-cpf.csv?programmeId={programme}&{Period}", UriKind.Relative));
        byGet.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, "the export is a form post: a GET on its address is refused as such");
        byGet.Content.Headers.Allow.ShouldBe(["POST"]);
        byGet.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var oldWay = ReportFiles.ParseCsv(await GetBytesAsync(admin, $"/api/v1/reports/HoursByPerson/export.csv?programmeId={programme}&{Period}&fullCpf=true"));
        oldWay.Skip(1).SkipLast(1).ShouldAllBe(l => MaskedCpf().IsMatch(l[1]));
        Exports().ShouldBe(before + 1);

        // Without the request, administrators' exports are masked too.
        var masked = ReportFiles.ParseCsv(await GetBytesAsync(admin, $"/api/v1/reports/HoursByPerson/export.csv?programmeId={programme}&{Period}"));
        masked.Skip(1).SkipLast(1).ShouldAllBe(l => MaskedCpf().IsMatch(l[1]));
    }

    [Test]
    public async Task Text_that_a_spreadsheet_would_run_is_neutralised_in_csv_and_xlsx()
    {
        var org = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == TrainingHub.Core.Organizations.OrganizationKind.StateAgency).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var c = await Attendance.AttendanceKit.ClassAsync(App, people: 4, sessions: 1);
        var evil = new[] { "=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)" };
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < 4; i++)
            {
                await db.People.Where(p => p.Id == c.People[i]).ExecuteUpdateAsync(s => s.SetProperty(p => p.FullName, evil[i]).SetProperty(p => p.OrganizationId, org));
                db.AttendanceRecords.Add(new AttendanceRecord { SessionId = c.SessionIds[0], PersonId = c.People[i], Status = AttendanceStatus.Present, RecordedAt = App.Clock.GetUtcNow().UtcDateTime });
            }

            return await db.SaveChangesAsync();
        });
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var csv = ReportFiles.ParseCsv(await GetBytesAsync(api, $"/api/v1/reports/HoursByPerson/export.csv?offeringId={c.OfferingId}&{Period}"));
        csv.Skip(1).SkipLast(1).Select(l => l[0]).ShouldBe(evil.Select(e => "'" + e).Order(StringComparer.Ordinal), ignoreOrder: true);
        var xlsx = ReportFiles.ReadXlsx(await GetBytesAsync(api, $"/api/v1/reports/HoursByPerson/export.xlsx?offeringId={c.OfferingId}&{Period}"));
        xlsx.GetProperty("rows").EnumerateArray().Skip(1).SkipLast(1).Select(r => r[0].GetProperty("v").GetString()).ShouldBe(evil.Select(e => "'" + e), ignoreOrder: true);
    }

    [GeneratedRegex(@"^\*\*\*\.\d{3}\.\d{3}-\*\*$")]
    private static partial Regex MaskedCpf();

    [GeneratedRegex(@"^\d{3}\.\d{3}\.\d{3}-\d{2}$")]
    private static partial Regex FullCpf();
}
