using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.IntegrationTests.Imports;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

public sealed class MeetingImportTests(string provider) : OnBothDatabases(provider)
{
    private sealed record Someone(int Id, string Email, string Cpf, string Name);

    private async Task<(AttendanceClass Class, DateTime StartsLocal, List<Someone> People)> ArrangeAsync(int people)
    {
        var c = await AttendanceKit.ClassAsync(App, people, sessions: 1, minutes: 120);
        // Meeting tools write whole seconds; the session starts on a whole minute, as sessions do.
        var starts = await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == c.SessionIds[0]).Select(s => s.StartsAt).SingleAsync());
        starts = new DateTime(starts.Ticks - (starts.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == c.SessionIds[0])
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, starts).SetProperty(s => s.EndsAt, starts.AddMinutes(120))));
        var who = await App.WithDbAsync(db => db.People.AsNoTracking().Where(p => c.People.Contains(p.Id)).OrderBy(p => p.Id)
            .Select(p => new Someone(p.Id, p.Email, p.Cpf, p.FullName)).ToListAsync());
        return (c, SaoPaulo.ToLocal(starts), who);
    }

    private static string Us(DateTime local) => local.ToString("MM/dd/yyyy hh:mm:ss tt", CultureInfo.InvariantCulture);

    private static string Br(DateTime local) => local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static async Task<JsonElement> PreviewAsync(HttpClient api, int session, byte[] file, string name, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var upload = ImportKit.Multipart(file, name);
        var response = await api.PostAsync(new Uri($"/api/v1/sessions/{session}/meeting-import/preview", UriKind.Relative), upload);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task<int> AuditCountAsync() => App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(AttendanceRecord)));

    [Test]
    public async Task A_zoom_report_merges_overlapping_intervals_clipped_to_the_session_lists_unmatched_and_ambiguous_lines_and_a_reimport_changes_nothing()
    {
        var (c, t0, p) = await ArrangeAsync(4);
        // Two enrolled people share an e-mail: a line with it cannot say who it is.
        await App.WithDbAsync(db => db.People.Where(x => x.Id == p[3].Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Email, p[2].Email)));
        var csv = ImportKit.Csv(
            "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n" +
            $"812 3456 7890,Encontro 1,{Us(t0)},{Us(t0.AddMinutes(120))},host@example.gov.br,120,6\r\n" +
            "\r\n" +
            "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n" +
            $"{p[0].Name},{p[0].Email},{Us(t0.AddMinutes(-10))},{Us(t0.AddMinutes(50))},60,No\r\n" +          // line 5: clipped to 0–50
            $"\"{p[0].Name} (celular)\",{p[0].Email.ToUpperInvariant()},{Us(t0.AddMinutes(30))},{Us(t0.AddMinutes(90))},60,No\r\n" + // line 6: overlaps → 0–90
            $"{p[1].Name},{p[1].Email},{Us(t0)},{Us(t0.AddMinutes(130))},130,No\r\n" +                          // line 7: the whole session
            $"Convidado,,{Us(t0)},{Us(t0.AddMinutes(60))},60,Yes\r\n" +                                        // line 8: no identity
            $"Estranho,estranho@example.com,{Us(t0)},{Us(t0.AddMinutes(60))},60,No\r\n" +                      // line 9: not enrolled
            $"Quem?,{p[2].Email},{Us(t0)},{Us(t0.AddMinutes(60))},60,No\r\n",                                   // line 10: shared e-mail
            bom: true);
        using var api = await App.ApiClientAsync(c.InstructorEmail);
        var session = c.SessionIds[0];

        var preview = await PreviewAsync(api, session, csv, "zoom_participants.csv");
        preview.GetProperty("format").GetString().ShouldBe("zoom");
        preview.GetProperty("canCommit").GetBoolean().ShouldBeTrue();
        var matched = preview.GetProperty("matched").EnumerateArray().ToDictionary(m => m.GetProperty("personId").GetInt32());
        matched.Count.ShouldBe(2);
        matched[p[0].Id].GetProperty("minutes").GetInt32().ShouldBe(90);
        matched[p[0].Id].GetProperty("status").GetString().ShouldBe("Partial");
        matched[p[0].Id].GetProperty("lines").EnumerateArray().Select(l => l.GetInt32()).ShouldBe([5, 6]);
        matched[p[1].Id].GetProperty("minutes").GetInt32().ShouldBe(120);
        matched[p[1].Id].GetProperty("status").GetString().ShouldBe("Present");
        var unmatched = preview.GetProperty("unmatched").EnumerateArray().ToList();
        unmatched.Select(u => u.GetProperty("line").GetInt32()).ShouldBe([8, 9]);
        unmatched[0].GetProperty("code").GetString().ShouldBe("MeetingImport.NoIdentity");
        unmatched[1].GetProperty("code").GetString().ShouldBe("MeetingImport.NotEnrolled");
        var ambiguous = preview.GetProperty("ambiguous").EnumerateArray().Single();
        ambiguous.GetProperty("line").GetInt32().ShouldBe(10);
        ambiguous.GetProperty("message").GetString()!.ShouldContain(p[2].Name);
        (await App.WithDbAsync(db => db.AttendanceRecords.CountAsync(a => a.SessionId == session))).ShouldBe(0, "the preview writes nothing");

        var audits = await AuditCountAsync();
        var commit = await api.PostAsJsonAsync($"/api/v1/sessions/{session}/meeting-import/commit", new { importId = preview.GetProperty("importId").GetString() });
        var done = await commit.Content.ReadFromJsonAsync<JsonElement>();
        commit.StatusCode.ShouldBe(HttpStatusCode.OK, done.ToString());
        done.GetProperty("committed").GetBoolean().ShouldBeTrue();
        done.GetProperty("added").GetInt32().ShouldBe(2);
        var rows = await App.WithDbAsync(db => db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == session).ToDictionaryAsync(a => a.PersonId));
        rows.Count.ShouldBe(2);
        (rows[p[0].Id].Status, rows[p[0].Id].Minutes, rows[p[0].Id].Source).ShouldBe((AttendanceStatus.Partial, (int?)90, AttendanceSource.Import));
        (rows[p[1].Id].Status, rows[p[1].Id].Minutes).ShouldBe((AttendanceStatus.Present, (int?)null));
        var entries = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(AttendanceRecord)).OrderByDescending(a => a.Id).Take(2).ToListAsync());
        (await AuditCountAsync()).ShouldBe(audits + 2);
        entries.ShouldAllBe(e => e.Reason!.Contains("zoom_participants.csv"));
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "meeting report imported");

        // The same file again: the same result, nothing written.
        var again = await PreviewAsync(api, session, csv, "zoom_participants.csv");
        again.GetProperty("matched").EnumerateArray().ShouldAllBe(m => !m.GetProperty("changes").GetBoolean());
        var second = await (await api.PostAsJsonAsync($"/api/v1/sessions/{session}/meeting-import/commit", new { importId = again.GetProperty("importId").GetString() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        (second.GetProperty("added").GetInt32(), second.GetProperty("changed").GetInt32(), second.GetProperty("unchanged").GetInt32()).ShouldBe((0, 0, 2));
        (await AuditCountAsync()).ShouldBe(audits + 2);
        (await App.WithDbAsync(db => db.AttendanceRecords.CountAsync(a => a.SessionId == session))).ShouldBe(2);
    }

    [Test]
    public async Task A_bad_line_is_named_by_line_and_column_and_the_commit_writes_nothing_on_the_pages_and_the_api()
    {
        var (c, t0, p) = await ArrangeAsync(2);
        var session = c.SessionIds[0];
        var csv = ImportKit.Csv(
            "nome;email;entrada;saida;cpf\n" +
            $"{p[0].Name};{p[0].Email};{Br(t0)};{Br(t0.AddMinutes(100))};{Cpf.Format(p[0].Cpf)}\n" +
            $"{p[1].Name};{p[1].Email};{Br(t0)};31/02/2026 10:00;\n");
        using var api = await App.ApiClientAsync(c.InstructorEmail);
        var preview = await PreviewAsync(api, session, csv, "lista.csv");
        preview.GetProperty("format").GetString().ShouldBe("generic");
        preview.GetProperty("canCommit").GetBoolean().ShouldBeFalse();
        var error = preview.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetString()).ShouldBe((3, "saida"));
        error.GetProperty("message").GetString()!.ShouldContain("31/02/2026 10:00");

        var commit = await api.PostAsJsonAsync($"/api/v1/sessions/{session}/meeting-import/commit", new { importId = preview.GetProperty("importId").GetString() });
        commit.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await App.WithDbAsync(db => db.AttendanceRecords.CountAsync(a => a.SessionId == session))).ShouldBe(0);

        // On the pages: upload, see the line named, no commit button; a fixed file commits everyone at once.
        using var browser = NewBrowser();
        await browser.SignInAsync(c.InstructorEmail, AttendanceKit.Password);
        var (_, index) = await browser.GetPageAsync($"/sessions/{session}/import");
        var token = index.Forms.Single(f => f.GetAttribute("action") == $"/sessions/{session}/import")
            .Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single(i => i.Name == "__RequestVerificationToken").Value;
        async Task<AngleSharp.Html.Dom.IHtmlDocument> UploadAsync(byte[] file)
        {
            using var form = ImportKit.Multipart(file, "lista.csv", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            var posted = await browser.Client.PostAsync(new Uri($"/sessions/{session}/import", UriKind.Relative), form);
            posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            return (await browser.GetPageAsync(posted.Headers.Location!.OriginalString)).Html;
        }

        var page = await UploadAsync(csv);
        page.QuerySelector("[data-testid=row-errors] tr[data-line='3']")!.TextContent.ShouldContain("saida");
        page.QuerySelector("[data-testid=commit]").ShouldBeNull();

        var fixedCsv = ImportKit.Csv(Encoding.UTF8.GetString(csv).Replace("31/02/2026 10:00", Br(t0.AddMinutes(200)), StringComparison.Ordinal));
        page = await UploadAsync(fixedCsv);
        page.QuerySelectorAll("[data-testid=matched] tr[data-person]").Length.ShouldBe(2);
        var commitForm = page.Forms.Single(f => f.Action.EndsWith("/commit", StringComparison.Ordinal));
        var done = await browser.PostAsync(new Uri(commitForm.Action).AbsolutePath, new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = commitForm.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single(i => i.Name == "__RequestVerificationToken").Value,
        });
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var rows = await App.WithDbAsync(db => db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == session).ToDictionaryAsync(a => a.PersonId));
        (rows[p[0].Id].Status, rows[p[0].Id].Minutes).ShouldBe((AttendanceStatus.Partial, (int?)100));
        rows[p[1].Id].Status.ShouldBe(AttendanceStatus.Present);
    }

    [Test]
    public async Task A_teams_report_with_offsets_and_a_summary_section_is_recognised_and_a_cpf_email_disagreement_is_ambiguous()
    {
        var (c, t0, p) = await ArrangeAsync(2);
        var utc = SaoPaulo.ToUtc(t0);
        string Iso(DateTime u) => new DateTimeOffset(u, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        var csv = ImportKit.Csv(
            "1. Summary\n" +
            "Meeting title\tEncontro 1\n" +
            "Attended participants\t3\n" +
            "\n" +
            "2. Participants\n" +
            "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n" +
            $"{p[0].Name}\t{Iso(utc.AddMinutes(5))}\t{Iso(utc.AddMinutes(65))}\t1h\t{p[0].Email}\t{p[0].Email}\tAttendee\n" +
            $"Outro\t{Iso(utc)}\t{Iso(utc.AddMinutes(60))}\t1h\t{p[1].Email}\t{p[1].Email}\tAttendee\n" +
            "\n3. In-Meeting Activities\nName\tJoin Time\tLeave Time\n", bom: true);
        using var api = await App.ApiClientAsync(c.InstructorEmail);
        var preview = await PreviewAsync(api, c.SessionIds[0], csv, "teams.csv");
        preview.GetProperty("format").GetString().ShouldBe("teams");
        preview.GetProperty("rows").GetInt32().ShouldBe(2);
        var m = preview.GetProperty("matched").EnumerateArray().ToList();
        m.Count.ShouldBe(2);
        m.Single(x => x.GetProperty("personId").GetInt32() == p[0].Id).GetProperty("minutes").GetInt32().ShouldBe(60);

        // A generic file whose CPF is one person's and e-mail another's names both and is skipped.
        var mixed = ImportKit.Csv($"name,email,join,leave,cpf\nX,{p[1].Email},{t0:yyyy-MM-dd HH:mm},{t0.AddMinutes(30):yyyy-MM-dd HH:mm},{p[0].Cpf}\n");
        var second = await PreviewAsync(api, c.SessionIds[0], mixed, "misto.csv");
        second.GetProperty("ambiguous").EnumerateArray().Single().GetProperty("line").GetInt32().ShouldBe(2);
        second.GetProperty("matched").GetArrayLength().ShouldBe(0);

        // Another class's instructor cannot even preview.
        var other = await AttendanceKit.ClassAsync(App, 1, sessions: 1);
        using var stranger = await App.ApiClientAsync(other.InstructorEmail);
        await PreviewAsync(stranger, c.SessionIds[0], csv, "teams.csv", HttpStatusCode.NotFound);
    }
}
