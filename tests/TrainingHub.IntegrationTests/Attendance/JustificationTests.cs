using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.IntegrationTests.Imports;
using TrainingHub.IntegrationTests.Notifications;

namespace TrainingHub.IntegrationTests.Attendance;

public sealed class JustificationTests(string provider) : MailFixture(provider)
{
    private static object Entry(int personId, string status) => new { personId, status };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient api, int session, byte[]? file, string name, string? note = "Atestado médico")
    {
        using var form = file is null ? new MultipartFormDataContent() : ImportKit.Multipart(file, name);
        if (note is not null)
        {
            form.Add(new StringContent(note), "note");
        }

        return await api.PostAsync(new Uri($"/api/v1/sessions/{session}/justifications", UriKind.Relative), form);
    }

    private static async Task<string> RefusedFieldAsync(HttpResponseMessage r, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        r.StatusCode.ShouldBe(status);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return string.Join(" | ", doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name + ": " + p.Value[0].GetString()));
    }

    [Test]
    public async Task Uploads_are_checked_by_content_and_size_and_absence_and_nothing_is_saved_when_refused()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 2, sessions: 2);
        using var instructor = await App.ApiClientAsync(c.InstructorEmail);
        (await instructor.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[0]}/roster", new { entries = new[] { Entry(c.People[0], "Absent"), Entry(c.People[1], "Absent") } })).EnsureSuccessStatusCode();
        (await instructor.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[1]}/roster", new { entries = new[] { Entry(c.People[0], "Present") } })).EnsureSuccessStatusCode();
        var (email, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[0]);
        using var trainee = await App.ApiClientAsync(email);

        (await RefusedFieldAsync(await SendAsync(trainee, c.SessionIds[0], "plain text, not a document"u8.ToArray(), "atestado.pdf"))).ShouldStartWith("File: ");
        (await RefusedFieldAsync(await SendAsync(trainee, c.SessionIds[0], [.. FollowUpKit.Pdf, .. new byte[5 * 1024 * 1024]], "grande.pdf"))).ShouldContain("5 MB");
        (await RefusedFieldAsync(await SendAsync(trainee, c.SessionIds[0], null, "x.pdf"))).ShouldStartWith("File: ");
        (await RefusedFieldAsync(await SendAsync(trainee, c.SessionIds[0], FollowUpKit.Pdf, "a.pdf", note: " "))).ShouldStartWith("Note: ");
        (await RefusedFieldAsync(await SendAsync(trainee, c.SessionIds[1], FollowUpKit.Pdf, "a.pdf"))).ShouldStartWith("SessionId: ");
        var unrelated = await AttendanceKit.ClassAsync(App, people: 1, sessions: 1);
        (await RefusedFieldAsync(await SendAsync(trainee, unrelated.SessionIds[0], FollowUpKit.Pdf, "a.pdf"))).ShouldStartWith("SessionId: ");
        (await App.WithDbAsync(db => db.AbsenceJustifications.CountAsync(j => j.PersonId == c.People[0]))).ShouldBe(0);
        (await App.WithDbAsync(db => db.AbsenceDocuments.CountAsync(d => d.Justification!.PersonId == c.People[0]))).ShouldBe(0);

        // A PNG named ".pdf" is a PNG: stored and served as one.
        var created = await SendAsync(trainee, c.SessionIds[0], FollowUpKit.Png, "atestado médico.pdf");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await RefusedFieldAsync(await SendAsync(trainee, c.SessionIds[0], FollowUpKit.Pdf, "outro.pdf"))).ShouldContain("análise");

        using var document = await instructor.GetAsync($"/api/v1/justifications/{id}/document");
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        document.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        document.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe("atestado_medico.png");
        document.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        (await document.Content.ReadAsByteArrayAsync()).ShouldBe(FollowUpKit.Png);
        (await trainee.GetAsync($"/api/v1/justifications/{id}/document")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Nobody else reads it: another trainee, another class's instructor.
        var (otherEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[1]);
        using var otherTrainee = await App.ApiClientAsync(otherEmail);
        (await otherTrainee.GetAsync($"/api/v1/justifications/{id}/document")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var otherInstructor = await App.ApiClientAsync(unrelated.InstructorEmail);
        (await otherInstructor.GetAsync($"/api/v1/justifications/{id}/document")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherInstructor.GetFromJsonAsync<JsonElement>("/api/v1/justifications")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(j => j.GetProperty("id").GetInt32() == id);
        (await otherInstructor.PostAsJsonAsync($"/api/v1/justifications/{id}/decision", new { accept = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Accepted_makes_the_absence_excused_with_no_hours_and_an_audit_entry_rejected_needs_a_reason_and_each_trainee_is_told_in_their_language()
    {
        // Four sessions: one absence alone does not put anyone at risk (no alert mixed with the decision's email).
        var c = await AttendanceKit.ClassAsync(App, people: 2, sessions: 4, minutes: 90);
        using var instructor = await App.ApiClientAsync(c.InstructorEmail);
        var session = c.SessionIds[0];
        (await instructor.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", new { entries = new[] { Entry(c.People[0], "Absent"), Entry(c.People[1], "Absent") } })).EnsureSuccessStatusCode();
        await App.WithDbAsync(db => db.People.Where(p => p.Id == c.People[1]).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, "en")));
        var (ptEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[0]);
        var (enEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[1]);
        using var pt = await App.ApiClientAsync(ptEmail);
        using var en = await App.ApiClientAsync(enEmail);
        var ptId = (await (await SendAsync(pt, session, FollowUpKit.Pdf, "atestado.pdf")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var enId = (await (await SendAsync(en, session, FollowUpKit.Pdf, "note.pdf", "Doctor's note")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var queue = await instructor.GetFromJsonAsync<JsonElement>("/api/v1/justifications?status=Pending");
        queue.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetInt32()).ShouldBe([ptId, enId]);

        var audits = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(AttendanceRecord)));
        (await instructor.PostAsJsonAsync($"/api/v1/justifications/{ptId}/decision", new { accept = true, reason = "Atestado válido" })).EnsureSuccessStatusCode();
        var row = await App.WithDbAsync(db => db.AttendanceRecords.AsNoTracking().SingleAsync(a => a.SessionId == session && a.PersonId == c.People[0]));
        (row.Status, row.Minutes).ShouldBe((AttendanceStatus.Excused, (int?)null));
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(AttendanceRecord)).OrderByDescending(a => a.Id).FirstAsync());
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(AttendanceRecord)))).ShouldBe(audits + 1);
        audit.BeforeJson!.ShouldContain("Absent");
        audit.AfterJson!.ShouldContain("Excused");
        audit.Reason!.ShouldContain("Atestado válido");
        var hours = await pt.GetFromJsonAsync<JsonElement>("/api/v1/hours/mine");
        var sessionHours = hours.GetProperty("classes").EnumerateArray().Single(x => x.GetProperty("offeringId").GetInt32() == c.OfferingId)
            .GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("sessionId").GetInt32() == session);
        sessionHours.GetProperty("attendance").GetString().ShouldBe("Excused");
        sessionHours.GetProperty("creditedMinutes").GetInt32().ShouldBe(0);

        var refused = await instructor.PostAsJsonAsync($"/api/v1/justifications/{enId}/decision", new { accept = false });
        (await RefusedFieldAsync(refused)).ShouldStartWith("Reason: ");
        (await instructor.PostAsJsonAsync($"/api/v1/justifications/{enId}/decision", new { accept = false, reason = "Documento ilegível" })).EnsureSuccessStatusCode();
        (await App.WithDbAsync(db => db.AttendanceRecords.AsNoTracking().SingleAsync(a => a.SessionId == session && a.PersonId == c.People[1]))).Status.ShouldBe(AttendanceStatus.Absent);
        (await RefusedFieldAsync(await instructor.PostAsJsonAsync($"/api/v1/justifications/{enId}/decision", new { accept = true }), HttpStatusCode.Conflict)).ShouldStartWith("JustificationId: ");

        await FollowUpKit.DispatchAsync(App, Mail.SmtpPort);
        var ptAddress = await App.WithDbAsync(db => db.People.Where(p => p.Id == c.People[0]).Select(p => p.Email).SingleAsync());
        var enAddress = await App.WithDbAsync(db => db.People.Where(p => p.Id == c.People[1]).Select(p => p.Email).SingleAsync());
        var ptMail = (await Mail.ForAsync(ptAddress)).ShouldHaveSingleItem();
        ptMail.GetProperty("subject").GetString()!.ShouldStartWith("Justificativa de falta aceita");
        ptMail.GetProperty("text").GetString()!.ShouldContain("não conta como horas cumpridas");
        var enMail = (await Mail.ForAsync(enAddress)).ShouldHaveSingleItem();
        enMail.GetProperty("subject").GetString()!.ShouldStartWith("Absence justification not accepted");
        enMail.GetProperty("text").GetString()!.ShouldContain("Documento ilegível");

        // The trainee's page shows the decision; the reviewer's queue page lists the decided ones on request.
        using var browser = NewBrowser();
        await browser.SignInAsync(ptEmail, AttendanceKit.Password);
        var (_, page) = await browser.GetPageAsync($"/attendance/justify/{session}");
        page.QuerySelector("[data-testid=my-justifications] [data-status=Accepted]").ShouldNotBeNull();
        using var reviewer = NewBrowser();
        await reviewer.SignInAsync(c.InstructorEmail, AttendanceKit.Password);
        var (_, decided) = await reviewer.GetPageAsync("/justifications?status=Accepted");
        decided.QuerySelector($"[data-justification='{ptId}']").ShouldNotBeNull();
    }

    [Test]
    public async Task The_trainee_sends_a_justification_from_the_page_and_a_bad_file_is_named_on_the_form()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 1, sessions: 1);
        using var instructor = await App.ApiClientAsync(c.InstructorEmail);
        (await instructor.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[0]}/roster", new { entries = new[] { Entry(c.People[0], "Absent") } })).EnsureSuccessStatusCode();
        var (email, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[0]);
        using var browser = NewBrowser();
        await browser.SignInAsync(email, AttendanceKit.Password);
        var (_, hours) = await browser.GetPageAsync("/hours");
        hours.QuerySelector($"a[data-testid=justify-link][href='/attendance/justify/{c.SessionIds[0]}']").ShouldNotBeNull();
        var (_, page) = await browser.GetPageAsync($"/attendance/justify/{c.SessionIds[0]}");
        var token = page.Forms.Single(f => f.GetAttribute("data-testid") == "justify-form")
            .Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single(i => i.Name == "__RequestVerificationToken").Value;
        async Task<HttpResponseMessage> PostAsync(byte[] file)
        {
            using var form = ImportKit.Multipart(file, "atestado.jpg", new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["note"] = "Consulta médica" });
            return await browser.Client.PostAsync(new Uri($"/attendance/justify/{c.SessionIds[0]}", UriKind.Relative), form);
        }

        var bad = await PostAsync("GIF89a not accepted"u8.ToArray());
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = Infrastructure.Browser.Parse(await bad.Content.ReadAsStringAsync());
        html.QuerySelector("#file")!.ClassList.ShouldContain("is-invalid", html.QuerySelector("[data-testid=justify-errors]")?.OuterHtml);
        html.QuerySelector("[data-testid=justify-errors] a[href='#file']").ShouldNotBeNull(html.QuerySelector("[data-testid=justify-errors]")?.OuterHtml);
        (await PostAsync([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.AbsenceJustifications.SingleAsync(j => j.PersonId == c.People[0]))).ContentType.ShouldBe("image/jpeg");
    }
}
