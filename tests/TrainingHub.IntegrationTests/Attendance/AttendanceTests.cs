using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

public sealed class AttendanceTests(string provider) : OnBothDatabases(provider)
{
    private static object Entry(int personId, string status, int? minutes = null) => new { personId, status, minutes };

    private static async Task<string[]> ProblemFieldsAsync(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name + ": " + p.Value[0].GetString()).ToArray();
    }

    private Task<List<AttendanceRecord>> RowsAsync(int sessionId) =>
        App.WithDbAsync(db => db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == sessionId).ToListAsync());

    [Test]
    public async Task The_instructor_marks_everyone_present_on_the_page_then_saves_the_exceptions()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 4);
        var session = c.SessionIds[0];
        using var browser = NewBrowser();
        (await browser.SignInAsync(c.InstructorEmail, AttendanceKit.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (status, page) = await browser.GetPageAsync($"/sessions/{session}/roster");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("[data-testid=attendance-roster] select[data-status]").Length.ShouldBe(4);

        var fields = c.People.ToDictionary(p => "status-" + p, _ => (string?)"Present");
        fields["status-" + c.People[1]] = "Partial";
        fields["minutes-" + c.People[1]] = "45";
        fields["status-" + c.People[2]] = "Absent";
        fields["status-" + c.People[3]] = "Late";
        (await browser.SubmitAsync($"/sessions/{session}/roster", $"/sessions/{session}/roster", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var rows = (await RowsAsync(session)).ToDictionary(r => r.PersonId);
        rows.Count.ShouldBe(4);
        rows[c.People[0]].Status.ShouldBe(AttendanceStatus.Present);
        rows[c.People[1]].Status.ShouldBe(AttendanceStatus.Partial);
        rows[c.People[1]].Minutes.ShouldBe(45);
        rows[c.People[2]].Status.ShouldBe(AttendanceStatus.Absent);
        rows[c.People[3]].Status.ShouldBe(AttendanceStatus.Late);

        using var api = await App.ApiClientAsync(c.InstructorEmail);
        var roster = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/roster");
        var credited = roster.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("personId").GetInt32(), r => r.GetProperty("creditedMinutes").GetInt32());
        credited[c.People[0]].ShouldBe(120);
        credited[c.People[1]].ShouldBe(45);
        credited[c.People[2]].ShouldBe(0);
        credited[c.People[3]].ShouldBe(120);

        // Saving the same roster again changes nothing and writes no audit entry.
        var before = await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(AttendanceRecord)));
        var again = await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", new { entries = new[] { Entry(c.People[0], "Present"), Entry(c.People[1], "Partial", 45) } });
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unchanged").GetInt32().ShouldBe(2);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(AttendanceRecord)))).ShouldBe(before);
    }

    [Test]
    public async Task Partial_without_minutes_too_many_minutes_and_people_without_a_seat_are_refused_naming_the_field_and_nothing_is_saved()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 2);
        var stranger = (await Arrange.PeopleAsync(App, 1))[0];
        var session = c.SessionIds[0];
        using var api = await App.ApiClientAsync(c.InstructorEmail);

        var errors = await ProblemFieldsAsync(await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster",
            new { entries = new[] { Entry(c.People[0], "Present"), Entry(c.People[1], "Partial") } }));
        errors.ShouldHaveSingleItem().ShouldStartWith("Entries[1].Minutes: Minutos");
        (await ProblemFieldsAsync(await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster?culture=en",
            new { entries = new[] { Entry(c.People[0], "Partial", 121) } }))).ShouldHaveSingleItem().ShouldContain("Entries[0].Minutes: Minutes: enter from 1 to 120");
        (await ProblemFieldsAsync(await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster",
            new { entries = new[] { Entry(c.People[0], "Present", 500) } }))).ShouldHaveSingleItem().ShouldStartWith("Entries[0].Minutes");
        (await ProblemFieldsAsync(await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster",
            new { entries = new[] { Entry(stranger, "Present") } }))).ShouldHaveSingleItem().ShouldStartWith("Entries[0].PersonId");
        (await RowsAsync(session)).ShouldBeEmpty();

        // The page names the person's minutes field and keeps what was typed.
        using var browser = NewBrowser();
        await browser.SignInAsync(c.InstructorEmail, AttendanceKit.Password);
        var response = await browser.SubmitAsync($"/sessions/{session}/roster", $"/sessions/{session}/roster",
            new Dictionary<string, string?> { ["status-" + c.People[0]] = "Present", ["status-" + c.People[1]] = "Partial" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = Browser.Parse(await response.Content.ReadAsStringAsync());
        html.QuerySelector($"[data-testid=roster-errors] a[href='#minutes-{c.People[1]}']").ShouldNotBeNull();
        html.QuerySelector($"#minutes-{c.People[1]}")!.ClassList.ShouldContain("is-invalid");
        (await RowsAsync(session)).ShouldBeEmpty();
    }

    [Test]
    public async Task A_500_person_roster_saves_in_one_request_quickly()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 500, sessions: 1);
        var session = c.SessionIds[0];
        using var api = await App.ApiClientAsync(c.InstructorEmail);
        var entries = c.People.Select((p, i) => i % 10 == 3 ? Entry(p, "Partial", 60) : i % 10 == 7 ? Entry(p, "Absent") : Entry(p, "Present")).ToArray();

        var watch = Stopwatch.StartNew();
        var response = await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", new { entries });
        watch.Stop();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32().ShouldBe(500);
        await TestContext.Out.WriteLineAsync($"{ProviderName}: 500-person roster (first save) in {watch.ElapsedMilliseconds} ms");

        // Changing everyone (a real upsert of 500 rows) in one request too.
        watch.Restart();
        response = await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", new { entries = c.People.Select(p => Entry(p, "Late")).ToArray() });
        watch.Stop();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32().ShouldBe(500);
        await TestContext.Out.WriteLineAsync($"{ProviderName}: 500-person roster (all changed) in {watch.ElapsedMilliseconds} ms");
        watch.ElapsedMilliseconds.ShouldBeLessThan(15_000);

        var rows = await RowsAsync(session);
        rows.Count.ShouldBe(500);
        rows.ShouldAllBe(r => r.Status == AttendanceStatus.Late);
        var ids = rows.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToList();
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(AttendanceRecord) && ids.Contains(a.EntityId)))).ShouldBe(1000);
    }

    [Test]
    public async Task After_close_a_change_needs_a_reason_and_the_audit_entry_has_before_after_actor_and_reason()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 2, sessions: 2);
        var session = c.SessionIds[0];
        using var api = await App.ApiClientAsync(c.InstructorEmail);
        (await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", new { entries = new[] { Entry(c.People[0], "Present"), Entry(c.People[1], "Absent") } })).EnsureSuccessStatusCode();

        using var browser = NewBrowser();
        await browser.SignInAsync(c.InstructorEmail, AttendanceKit.Password);
        (await browser.SubmitAsync($"/sessions/{session}/roster", $"/sessions/{session}/close", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var closed = await App.WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == session));
        closed.Status.ShouldBe(SessionStatus.Closed);
        closed.ClosedAt.ShouldNotBeNull();

        var refused = await ProblemFieldsAsync(await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", new { entries = new[] { Entry(c.People[1], "Partial", 30) } }));
        refused.ShouldHaveSingleItem().ShouldStartWith("Reason: Motivo");
        (await RowsAsync(session)).Single(r => r.PersonId == c.People[1]).Status.ShouldBe(AttendanceStatus.Absent);

        // The page says so too, on the reason field.
        var page = await browser.SubmitAsync($"/sessions/{session}/roster", $"/sessions/{session}/roster",
            new Dictionary<string, string?> { ["status-" + c.People[0]] = "Present", ["status-" + c.People[1]] = "Late" });
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Browser.Parse(await page.Content.ReadAsStringAsync()).QuerySelector("#reason")!.ClassList.ShouldContain("is-invalid");

        (await api.PostAsJsonAsync($"/api/v1/sessions/{session}/roster",
            new { entries = new[] { Entry(c.People[1], "Partial", 30) }, reason = "Lista de presença em papel conferida" })).EnsureSuccessStatusCode();
        var row = (await RowsAsync(session)).Single(r => r.PersonId == c.People[1]);
        row.Status.ShouldBe(AttendanceStatus.Partial);
        var entry = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(AttendanceRecord) && a.EntityId == row.Id.ToString(CultureInfo.InvariantCulture))
            .OrderByDescending(a => a.Id).FirstAsync());
        entry.Action.ShouldBe("Modified");
        entry.BeforeJson!.ShouldContain("\"Status\":\"Absent\"");
        entry.AfterJson!.ShouldContain("\"Status\":\"Partial\"");
        entry.AfterJson!.ShouldContain("\"Minutes\":30");
        entry.ActorName.ShouldBe(c.InstructorEmail);
        entry.ActorUserId.ShouldNotBeNull();
        entry.Reason.ShouldBe("Lista de presença em papel conferida");
    }

    [Test]
    public async Task Closing_the_last_session_completes_or_fails_each_enrolment_and_a_later_correction_flips_it_with_one_message()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 2, sessions: 2, minutes: 120);
        var (pass, fail) = (c.People[0], c.People[1]);
        using var api = await App.ApiClientAsync(c.InstructorEmail);
        (await api.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[0]}/roster", new { entries = new[] { Entry(pass, "Present"), Entry(fail, "Present") } })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/sessions/{c.SessionIds[0]}/close", null)).EnsureSuccessStatusCode();
        (await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == c.OfferingId).Select(e => e.Status).ToListAsync())).ShouldAllBe(s => s == EnrolmentStatus.Confirmed);

        // 120 + 30 of 240 minutes = 62 %: below 75 %. 120 + 60 = exactly 75 % passes.
        (await api.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[1]}/roster", new { entries = new[] { Entry(pass, "Partial", 60), Entry(fail, "Partial", 30) } })).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/sessions/{c.SessionIds[1]}/close", null)).EnsureSuccessStatusCode();
        (await api.PostAsync($"/api/v1/sessions/{c.SessionIds[1]}/close", null)).EnsureSuccessStatusCode(); // twice: harmless

        var enrolments = await App.WithDbAsync(db => db.Enrolments.AsNoTracking().Where(e => e.OfferingId == c.OfferingId).ToDictionaryAsync(e => e.PersonId));
        enrolments[pass].Status.ShouldBe(EnrolmentStatus.Completed);
        enrolments[pass].CompletedAt.ShouldNotBeNull();
        enrolments[pass].OutcomeReason.ShouldBe("attendance=75;min=75");
        enrolments[fail].Status.ShouldBe(EnrolmentStatus.Failed);
        enrolments[fail].OutcomeReason.ShouldBe("attendance=62;min=75");
        Task<List<string>> MessagesAsync(int enrolmentId)
        {
            var id = enrolmentId.ToString(CultureInfo.InvariantCulture);
            return App.WithDbAsync(db => db.OutboxMessages
                .Where(m => m.IdempotencyKey.StartsWith("EnrolmentCompleted:" + id + ":") || m.IdempotencyKey.StartsWith("EnrolmentFailed:" + id + ":"))
                .OrderBy(m => m.Id).Select(m => m.IdempotencyKey).ToListAsync());
        }

        (await MessagesAsync(enrolments[pass].Id)).ShouldBe([$"EnrolmentCompleted:{enrolments[pass].Id}:{enrolments[pass].Version}"]);
        (await MessagesAsync(enrolments[fail].Id)).ShouldBe([$"EnrolmentFailed:{enrolments[fail].Id}:{enrolments[fail].Version}"]);

        // The failed trainee reads why, in words.
        var (failEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, fail);
        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(failEmail, AttendanceKit.Password);
            var (_, hours) = await browser.GetPageAsync("/hours");
            hours.QuerySelector($"tr[data-offering='{c.OfferingId}'] [data-testid=outcome]")!.TextContent.Trim().ShouldBe("Frequência 62 % — mínimo 75 %");
        }

        // Saving an unchanged roster (with a reason) re-evaluates nothing and queues nothing.
        (await api.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[1]}/roster", new { entries = new[] { Entry(pass, "Partial", 60), Entry(fail, "Partial", 30) }, reason = "conferência" })).EnsureSuccessStatusCode();
        var versions = await App.WithDbAsync(db => db.Enrolments.AsNoTracking().Where(e => e.OfferingId == c.OfferingId).ToDictionaryAsync(e => e.PersonId, e => e.Version));
        versions[pass].ShouldBe(enrolments[pass].Version);
        versions[fail].ShouldBe(enrolments[fail].Version);

        // A correction flips the outcome: one new message.
        (await api.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[1]}/roster", new { entries = new[] { Entry(fail, "Present") }, reason = "Chegou a tempo, lista corrigida" })).EnsureSuccessStatusCode();
        var flipped = await App.WithDbAsync(db => db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == enrolments[fail].Id));
        flipped.Status.ShouldBe(EnrolmentStatus.Completed);
        flipped.OutcomeReason.ShouldBe("attendance=100;min=75");
        flipped.Version.ShouldBe(enrolments[fail].Version + 1);
        (await MessagesAsync(flipped.Id)).ShouldBe([$"EnrolmentFailed:{flipped.Id}:{enrolments[fail].Version}", $"EnrolmentCompleted:{flipped.Id}:{flipped.Version}"]);
        (await MessagesAsync(enrolments[pass].Id)).Count.ShouldBe(1);

        // And back: the other one is corrected down to 50 %.
        (await api.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[1]}/roster", new { entries = new[] { Entry(pass, "Absent") }, reason = "Saiu no início" })).EnsureSuccessStatusCode();
        var down = await App.WithDbAsync(db => db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == enrolments[pass].Id));
        down.Status.ShouldBe(EnrolmentStatus.Failed);
        down.CompletedAt.ShouldBeNull();
        (await MessagesAsync(down.Id)).Count.ShouldBe(2);
    }

    [Test]
    public async Task Hours_shown_to_the_trainee_and_the_administrator_equal_an_independent_sum_over_the_rows()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 3, sessions: 4, minutes: 90, minPercent: 75);
        var person = c.People[0];
        using var api = await App.ApiClientAsync(c.InstructorEmail);
        string[] statuses = ["Present", "Partial", "Late", "Excused"];
        for (var i = 0; i < 4; i++)
        {
            (await api.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[i]}/roster", new
            {
                entries = c.People.Select((p, k) => Entry(p, statuses[(i + k) % 4], statuses[(i + k) % 4] == "Partial" ? 20 + (10 * k) : statuses[(i + k) % 4] == "Late" ? 70 : null)).ToArray(),
            })).EnsureSuccessStatusCode();
        }

        (await api.PostAsync($"/api/v1/sessions/{c.SessionIds[0]}/close", null)).EnsureSuccessStatusCode();
        await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == c.SessionIds[3]).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SessionStatus.Cancelled)));

        // Independent: every row of the person, the plain rule in C#, sessions not cancelled, this São Paulo year.
        var year = SaoPaulo.Today(App.Clock).Year;
        var (from, to) = (SaoPaulo.ToUtc(new DateTime(year, 1, 1)), SaoPaulo.ToUtc(new DateTime(year + 1, 1, 1)));
        var raw = await App.WithDbAsync(db => (from a in db.AttendanceRecords
                                               join s in db.Sessions on a.SessionId equals s.Id
                                               where a.PersonId == person
                                               select new { Attendance = a.Status, a.Minutes, s.CreditedMinutes, SessionStatus = s.Status, s.StartsAt, s.OfferingId }).ToListAsync());
        var counted = raw.Where(r => r.SessionStatus != SessionStatus.Cancelled).ToList();
        var expectedYear = counted.Where(r => r.StartsAt >= from && r.StartsAt < to).Sum(r => AttendanceRecord.Credit(r.Attendance, r.Minutes, r.CreditedMinutes));
        expectedYear.ShouldBeGreaterThan(0);

        var (email, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, person);
        using var mine = await App.ApiClientAsync(email);
        var hours = await mine.GetFromJsonAsync<JsonElement>("/api/v1/hours/mine");
        hours.GetProperty("personId").GetInt32().ShouldBe(person);
        hours.GetProperty("creditedMinutesThisYear").GetInt32().ShouldBe(expectedYear);
        var cls = hours.GetProperty("classes").EnumerateArray().Single(x => x.GetProperty("offeringId").GetInt32() == c.OfferingId);
        cls.GetProperty("creditedMinutes").GetInt32().ShouldBe(counted.Where(r => r.OfferingId == c.OfferingId).Sum(r => AttendanceRecord.Credit(r.Attendance, r.Minutes, r.CreditedMinutes)));
        cls.GetProperty("plannedMinutes").GetInt32().ShouldBe(270);
        cls.GetProperty("heldMinutes").GetInt32().ShouldBe(90);

        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}/hours")).GetProperty("creditedMinutesThisYear").GetInt32().ShouldBe(expectedYear);

        using var browser = NewBrowser();
        await browser.SignInAsync(email, AttendanceKit.Password);
        var (_, page) = await browser.GetPageAsync("/hours");
        page.QuerySelector("[data-testid=hours-year]")!.TextContent.Trim().ShouldBe(FormatHours(expectedYear));
        page.QuerySelector("a[data-nav=hours]").ShouldNotBeNull();
        using var adminBrowser = NewBrowser();
        await adminBrowser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, adminPage) = await adminBrowser.GetPageAsync($"/hours/person/{person}");
        adminPage.QuerySelector("[data-testid=hours-year]")!.TextContent.Trim().ShouldBe(FormatHours(expectedYear));
        var (_, roster) = await adminBrowser.GetPageAsync($"/sessions/{c.SessionIds[0]}/roster");
        roster.QuerySelector("[data-testid=attendance-rate]").ShouldNotBeNull();
    }

    private static string FormatHours(int minutes) =>
        minutes % 60 == 0 ? $"{minutes / 60} h" : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00}");

    [Test]
    public async Task Only_the_offerings_instructors_and_administrators_open_a_roster_and_a_trainee_sees_only_their_own_hours()
    {
        var c = await AttendanceKit.ClassAsync(App, people: 2);
        var other = await AttendanceKit.ClassAsync(App, people: 1);
        var session = c.SessionIds[0];
        using var otherInstructor = await App.ApiClientAsync(other.InstructorEmail);
        (await otherInstructor.GetAsync($"/api/v1/sessions/{session}/roster")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherInstructor.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", new { entries = new[] { Entry(c.People[0], "Absent") } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherInstructor.PostAsync($"/api/v1/sessions/{session}/close", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(other.InstructorEmail, AttendanceKit.Password);
            (await browser.GetPageAsync($"/sessions/{session}/roster")).Status.ShouldBe(HttpStatusCode.NotFound);
        }

        var (traineeEmail, traineeId) = await AttendanceKit.AccountAsync(App, Roles.Trainee, c.People[0]);
        using var trainee = await App.ApiClientAsync(traineeEmail);
        (await trainee.GetAsync($"/api/v1/sessions/{session}/roster")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await trainee.GetAsync($"/api/v1/people/{c.People[1]}/hours")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await trainee.GetFromJsonAsync<JsonElement>("/api/v1/hours/mine")).GetProperty("personId").GetInt32().ShouldBe(traineeId);
        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(traineeEmail, AttendanceKit.Password);
            // Pages answer a signed-in reader without the role with the access-denied page (a redirect to it).
            (await browser.GetPageAsync($"/hours/person/{c.People[1]}")).Status.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
            var (_, own) = await browser.GetPageAsync("/hours");
            own.QuerySelector("h1")!.TextContent.ShouldBe("Minhas horas");
        }

        (await App.WithDbAsync(db => db.AttendanceRecords.CountAsync(a => a.SessionId == session))).ShouldBe(0);
        using var instructor = await App.ApiClientAsync(c.InstructorEmail);
        (await instructor.GetAsync($"/api/v1/sessions/{session}/roster")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
