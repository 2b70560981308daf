using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

/// <summary>
/// The future cannot be recorded: attendance from an hour before the session starts, closing from half an hour before
/// it ends (which may decide completion), certificates once the class's last session has ended. The test moves the
/// app's clock instead of recording the future.
/// </summary>
public sealed class TheFutureTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task Attendance_closing_and_certificates_wait_for_the_session_and_the_class_to_happen()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 1, sessions: 1, minutes: 120);
        var session = c.SessionIds[0];
        var startsAt = App.Clock.GetUtcNow().UtcDateTime.AddDays(3);
        var endsAt = startsAt.AddHours(2);
        await App.WithDbAsync(async db =>
        {
            await db.Sessions.Where(s => s.Id == session).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartsAt, startsAt).SetProperty(s => s.EndsAt, endsAt));
            var day = DateOnly.FromDateTime(SaoPaulo.ToLocal(startsAt));
            return await db.Offerings.Where(o => o.Id == c.OfferingId).ExecuteUpdateAsync(u => u.SetProperty(o => o.StartsOn, day).SetProperty(o => o.EndsOn, DateOnly.FromDateTime(SaoPaulo.ToLocal(endsAt))));
        });
        var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var roster = new { entries = new[] { new { personId = c.People[0], status = "Present" } } };

        // Three days early: refused on the API and on the page, naming the session and when it opens, in both languages.
        var early = await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", roster);
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var opens = SaoPaulo.FormatDateTime(startsAt.AddHours(-1));
        (await early.Content.ReadAsStringAsync()).ShouldContain($"a presença não pode ser registrada antes de o encontro acontecer; ela pode ser registrada a partir de {opens}");
        var close = await api.PostAsync($"/api/v1/sessions/{session}/close?culture=en", null);
        close.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await close.Content.ReadAsStringAsync()).ShouldContain($"a session cannot be closed before it is held; it can be closed from {SaoPaulo.FormatDateTime(endsAt.AddMinutes(-30))}");
        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            var page = await browser.SubmitAsync($"/sessions/{session}/roster", $"/sessions/{session}/roster",
                new Dictionary<string, string?> { ["status-" + c.People[0]] = "Present" });
            page.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await page.Content.ReadAsStringAsync()).ShouldContain("a presença não pode ser registrada antes de o encontro acontecer");
        }

        (await App.WithDbAsync(db => db.AttendanceRecords.CountAsync(a => a.SessionId == session))).ShouldBe(0);
        (await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == session).Select(s => s.Status).SingleAsync())).ShouldBe(Core.Catalog.SessionStatus.Scheduled);

        // Fifty-nine minutes before it starts: attendance can be recorded, the session cannot be closed yet.
        App.Clock.Advance(startsAt.AddMinutes(-59) - App.Clock.GetUtcNow().UtcDateTime);
        api.Dispose();
        api = await App.ApiClientAsync(TestApp.AdminEmail); // a token of the moved clock's day
        (await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", roster)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync($"/api/v1/sessions/{session}/close", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Twenty-nine minutes before it ends: it closes, and completion is decided.
        App.Clock.Advance(endsAt.AddMinutes(-29) - App.Clock.GetUtcNow().UtcDateTime);
        (await api.PostAsync($"/api/v1/sessions/{session}/close", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == c.OfferingId).Select(e => e.Status).SingleAsync())).ShouldBe(EnrolmentStatus.Completed);

        // The class has not ended yet: no certificate, by the button or the job.
        var issue = await api.PostAsync($"/api/v1/offerings/{c.OfferingId}/certificates/issue?culture=en", null);
        issue.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await issue.Content.ReadAsStringAsync()).ShouldContain($"certificates are issued once the class has ended; this one ends on {SaoPaulo.FormatDateTime(endsAt)}");
        await using (var scope = App.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Data.TrainingHubDbContext>();
            (await Core.Certificates.IssueCertificates.HandleAsync(db, App.Clock, App.Services.GetRequiredService<Core.Certificates.IssueSettings>(), c.OfferingId, CancellationToken.None)).Issued.ShouldBe(0);
        }

        // Once it has ended, they are issued.
        App.Clock.Advance(TimeSpan.FromMinutes(30));
        api.Dispose();
        api = await App.ApiClientAsync(TestApp.AdminEmail);
        var issued = await api.PostAsync($"/api/v1/offerings/{c.OfferingId}/certificates/issue", null);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("issued").GetInt32().ShouldBe(1);
        api.Dispose();
    }

    [Test]
    public async Task Every_too_early_refusal_answers_409_with_one_title_and_says_when()
    {
        // A session that starts in three hours, an instructor, a trainee with a seat, and a class whose enrolment opens tomorrow.
        var s = await CheckInKit.SessionAsync(App, people: 1, startedMinutesAgo: -180);
        var startsAt = App.Clock.GetUtcNow().UtcDateTime.AddMinutes(180);
        var opensAt = App.Clock.GetUtcNow().UtcDateTime.AddDays(1);
        var later = await Arrange.ClassAsync(App, seats: 10, o => o.EnrolmentOpensAt = opensAt);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        using var trainee = await App.ApiClientAsync(s.Emails[0]);
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);

        var refusals = new (string What, HttpResponseMessage Response, string Says)[]
        {
            ("open check-in", await instructor.PostAsJsonAsync($"/api/v1/sessions/{s.SessionId}/checkin/open", new { kind = "Arrival", minutes = 30 }),
                $"o registro de presença pode ser aberto a partir de {SaoPaulo.FormatDateTime(startsAt.AddMinutes(-60))} (60 minutos antes do início do encontro)"),
            ("check in", await CheckInKit.CheckInAsync(trainee, "ACDEFH", s.SessionId), "O registro de presença deste encontro ainda não foi aberto"),
            ("record attendance", await admin.PostAsJsonAsync($"/api/v1/sessions/{s.SessionId}/roster", new { entries = new[] { new { personId = s.People[0], status = "Present" } } }),
                $"ela pode ser registrada a partir de {SaoPaulo.FormatDateTime(startsAt.AddMinutes(-60))}"),
            ("close the session", await admin.PostAsync($"/api/v1/sessions/{s.SessionId}/close", null), "o encontro não pode ser encerrado antes de acontecer"),
            ("issue certificates", await admin.PostAsync($"/api/v1/offerings/{s.OfferingId}/certificates/issue", null), "os certificados são emitidos depois que a turma termina"),
            ("enrol", await trainee.PostAsJsonAsync("/api/v1/enrolments", new { offeringId = later }), "As inscrições ainda não abriram"),
        };

        foreach (var (what, response, says) in refusals)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict, $"{what}: {body}");
            using var json = JsonDocument.Parse(body);
            json.RootElement.GetProperty("title").GetString().ShouldBe("Ainda não: isto só poderá ser feito mais tarde.", what);
            json.RootElement.GetProperty("detail").GetString()!.ShouldContain(says, Case.Sensitive, what);
        }

        (await App.WithDbAsync(db => db.CheckInWindows.CountAsync(w => w.SessionId == s.SessionId))).ShouldBe(0);
        (await App.WithDbAsync(db => db.AttendanceRecords.CountAsync(a => a.SessionId == s.SessionId))).ShouldBe(0);
        (await App.WithDbAsync(db => db.Enrolments.CountAsync(e => e.OfferingId == later))).ShouldBe(0);
        (await App.WithDbAsync(db => db.CheckInFailures.CountAsync(f => f.PersonId == s.People[0]))).ShouldBe(0, "a check-in before the window is not a wrong code");
    }

    [Test]
    public async Task The_demo_data_records_no_future_and_nests_its_periods()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var sessions = await App.WithDbAsync(db => db.Sessions.AsNoTracking().Where(s => s.Offering!.Code.StartsWith("T-") == false && s.Status != Core.Catalog.SessionStatus.Cancelled)
            .Select(s => new { s.Id, s.StartsAt, s.EndsAt, s.Status, s.ClosedAt, s.Offering!.Code, s.Offering.StartsOn, s.Offering.EndsOn }).ToListAsync());
        sessions.Count.ShouldBeGreaterThan(0);
        sessions.Where(s => DateOnly.FromDateTime(SaoPaulo.ToLocal(s.StartsAt)) < s.StartsOn || DateOnly.FromDateTime(SaoPaulo.ToLocal(s.EndsAt)) > s.EndsOn)
            .Select(s => $"{s.Code} session {s.Id} {s.StartsAt:yyyy-MM-dd} outside {s.StartsOn}..{s.EndsOn}").ShouldBeEmpty();
        sessions.Where(s => s.Status == Core.Catalog.SessionStatus.Closed && !AttendanceTiming.MayClose(s.EndsAt, s.ClosedAt ?? now))
            .Select(s => $"{s.Code} session {s.Id} closed at {s.ClosedAt:u} before it ended {s.EndsAt:u}").ShouldBeEmpty();

        var early = await App.WithDbAsync(db => db.AttendanceRecords.AsNoTracking()
            .Where(a => a.RecordedAt < a.Session!.StartsAt.AddMinutes(-AttendanceTiming.RecordBeforeStartMinutes))
            .Select(a => new { a.SessionId, a.RecordedAt, a.Session!.StartsAt }).Take(5).ToListAsync());
        early.ShouldBeEmpty("attendance recorded before its session");

        var classes = await App.WithDbAsync(db => db.Offerings.AsNoTracking().Where(o => o.Programme != null && (o.Programme.StartsOn != null || o.Programme.EndsOn != null))
            .Select(o => new { o.Code, o.StartsOn, o.EndsOn, PStarts = o.Programme!.StartsOn, PEnds = o.Programme.EndsOn }).ToListAsync());
        classes.Where(o => o.StartsOn < o.PStarts || o.EndsOn > o.PEnds).Select(o => $"{o.Code} {o.StartsOn}..{o.EndsOn} outside {o.PStarts}..{o.PEnds}").ShouldBeEmpty();

        var certificates = await App.WithDbAsync(db => db.Certificates.AsNoTracking().Where(c => c.Enrolment != null)
            .Select(c => new { c.VerificationCode, c.IssuedAt, c.Enrolment!.Offering!.EndsOn, LastEnd = c.Enrolment.Offering.Sessions.Where(s => s.Status != Core.Catalog.SessionStatus.Cancelled).Max(s => (DateTime?)s.EndsAt) }).ToListAsync());
        certificates.Where(c => c.IssuedAt < c.LastEnd || DateOnly.FromDateTime(SaoPaulo.ToLocal(c.IssuedAt)) < c.EndsOn)
            .Select(c => $"{c.VerificationCode} issued {c.IssuedAt:u} before the class ended").ShouldBeEmpty();
    }
}
