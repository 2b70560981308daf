using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

/// <summary>Live check-in through the API and the pages: window, enrolment, repeats, wrong-code limit, late, the second code, hours.</summary>
public sealed class CheckInTests(string provider) : OnBothDatabases(provider)
{
    // The accounts read Portuguese (their language): the API answers in it.
    private static async Task<string> ErrorAsync(HttpResponseMessage r, HttpStatusCode expected)
    {
        var body = await r.Content.ReadAsStringAsync();
        r.StatusCode.ShouldBe(expected, body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("errors").GetProperty("Code")[0].GetString()!;
    }

    private Task<List<AttendanceRecord>> RowsAsync(int sessionId) =>
        App.WithDbAsync(db => db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == sessionId).ToListAsync());

    private Task<Dictionary<int, int>> CreditedAsync(int sessionId) =>
        App.WithDbAsync(db => CreditedAttendance.Query(db).Where(c => c.SessionId == sessionId).OrderBy(c => c.PersonId).ToDictionaryAsync(c => c.PersonId, c => c.CreditedMinutes));

    [Test]
    public async Task Check_in_outside_the_window_is_refused_before_it_opens_after_it_closes_and_after_it_expires()
    {
        var s = await CheckInKit.SessionAsync(App, people: 1);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        using var trainee = await App.ApiClientAsync(s.Emails[0]);

        // Before any window: too early, answered as every too-early refusal is (409); once it has closed, a conflict too.
        (await ErrorAsync(await CheckInKit.CheckInAsync(trainee, "ACDEFH", s.SessionId), HttpStatusCode.Conflict))
            .ShouldBe("O registro de presença deste encontro ainda não foi aberto: quem conduz o encontro o abre quando ele começa.");

        await CheckInKit.OpenAsync(instructor, s.SessionId, minutes: 10);
        var code = await CheckInKit.CodeAsync(instructor, s.SessionId);
        (await instructor.PostAsync($"/api/v1/sessions/{s.SessionId}/checkin/close", null)).EnsureSuccessStatusCode();
        (await ErrorAsync(await CheckInKit.CheckInAsync(trainee, code, s.SessionId), HttpStatusCode.Conflict))
            .ShouldBe("O registro de presença deste encontro não está aberto agora.");
        (await ErrorAsync(await CheckInKit.CheckInAsync(trainee, code, null), HttpStatusCode.Conflict))
            .ShouldBe("Nenhum registro de presença está aberto nas suas turmas agora.");

        await CheckInKit.OpenAsync(instructor, s.SessionId, minutes: 10);
        code = await CheckInKit.CodeAsync(instructor, s.SessionId);
        App.Clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(1)));
        (await ErrorAsync(await CheckInKit.CheckInAsync(trainee, code, s.SessionId), HttpStatusCode.Conflict))
            .ShouldBe("O registro de presença deste encontro não está aberto agora.");
        (await RowsAsync(s.SessionId)).ShouldBeEmpty();
        // Refusals because the window is closed are not wrong codes.
        (await App.WithDbAsync(db => db.CheckInFailures.CountAsync(f => f.PersonId == s.People[0]))).ShouldBe(0);
    }

    [Test]
    public async Task A_person_without_a_seat_is_refused_even_with_the_right_code()
    {
        var s = await CheckInKit.SessionAsync(App, people: 1);
        var (strangerEmail, stranger) = await AttendanceKit.AccountAsync(App, Roles.Trainee);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        using var client = await App.ApiClientAsync(strangerEmail);
        await CheckInKit.OpenAsync(instructor, s.SessionId);
        var code = await CheckInKit.CodeAsync(instructor, s.SessionId);

        (await ErrorAsync(await CheckInKit.CheckInAsync(client, code, s.SessionId), HttpStatusCode.BadRequest))
            .ShouldBe("Você não tem vaga na turma deste encontro e não pode registrar presença.");
        (await ErrorAsync(await CheckInKit.CheckInAsync(client, code, null), HttpStatusCode.Conflict))
            .ShouldBe("Nenhum registro de presença está aberto nas suas turmas agora.");
        (await RowsAsync(s.SessionId)).ShouldBeEmpty();
        (await App.WithDbAsync(db => db.AttendanceRecords.CountAsync(a => a.PersonId == stranger))).ShouldBe(0);
    }

    [Test]
    public async Task Repeated_check_ins_count_once_also_when_sent_at_the_same_time_and_leave_one_audit_entry()
    {
        var s = await CheckInKit.SessionAsync(App, people: 1);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        using var trainee = await App.ApiClientAsync(s.Emails[0]);
        await CheckInKit.OpenAsync(instructor, s.SessionId);
        var code = (await CheckInKit.CodeAsync(instructor, s.SessionId)).ToLowerInvariant();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => CheckInKit.CheckInAsync(trainee, i % 2 == 0 ? code : code[..3] + " " + code[3..], i % 2 == 0 ? s.SessionId : null)));
        var bodies = new List<JsonElement>();
        foreach (var a in answers)
        {
            a.StatusCode.ShouldBe(HttpStatusCode.OK, await a.Content.ReadAsStringAsync());
            bodies.Add(await a.Content.ReadFromJsonAsync<JsonElement>());
        }

        bodies.Count(b => !b.GetProperty("alreadyCheckedIn").GetBoolean()).ShouldBe(1);
        bodies.ShouldAllBe(b => b.GetProperty("status").GetString() == "Present");
        var row = (await RowsAsync(s.SessionId)).ShouldHaveSingleItem();
        row.Status.ShouldBe(AttendanceStatus.Present);
        row.Source.ShouldBe(AttendanceSource.CheckIn);
        row.CheckedInAt.ShouldNotBeNull();
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(AttendanceRecord) && e.EntityId == row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ShouldBe(1);

        // The roster shows the check-in; the instructor screen counts it.
        var screen = await instructor.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{s.SessionId}/checkin");
        screen.GetProperty("checkedIn").GetInt32().ShouldBe(1);
        var roster = await instructor.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{s.SessionId}/roster");
        var r = roster.GetProperty("rows").EnumerateArray().Single();
        r.GetProperty("status").GetString().ShouldBe("Present");
        r.GetProperty("checkedInAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Test]
    public async Task The_code_rotates_the_previous_code_still_works_and_an_older_one_does_not()
    {
        var s = await CheckInKit.SessionAsync(App, people: 2);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        using var first = await App.ApiClientAsync(s.Emails[0]);
        using var second = await App.ApiClientAsync(s.Emails[1]);
        await CheckInKit.OpenAsync(instructor, s.SessionId);
        var c0 = await CheckInKit.CodeAsync(instructor, s.SessionId);
        c0.Length.ShouldBe(6);
        c0.ShouldAllBe(ch => CheckInCode.Alphabet.Contains(ch, StringComparison.Ordinal));

        App.Clock.Advance(TimeSpan.FromSeconds(31));
        var c1 = await CheckInKit.CodeAsync(instructor, s.SessionId);
        c1.ShouldNotBe(c0);
        (await CheckInKit.CheckInAsync(first, c0, s.SessionId)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Two periods on, c0 no longer checks anyone in; having been right, it asks for the current code and is not
        // counted as a wrong attempt. A code that was never right is.
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        (await ErrorAsync(await CheckInKit.CheckInAsync(second, c0, s.SessionId), HttpStatusCode.BadRequest))
            .ShouldBe("Este código já mudou. Digite o código exibido agora na sala ou no webinário.");
        var never = c1 == "AAAAAA" ? "CCCCCC" : "AAAAAA";
        (await ErrorAsync(await CheckInKit.CheckInAsync(second, never, s.SessionId), HttpStatusCode.BadRequest))
            .ShouldBe("Código errado ou expirado. Restam 4 tentativas.");
        (await CheckInKit.CheckInAsync(second, c1, s.SessionId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RowsAsync(s.SessionId)).Count.ShouldBe(2);
    }

    [Test]
    public async Task Five_wrong_codes_in_five_minutes_make_the_person_wait_even_with_the_right_code()
    {
        var s = await CheckInKit.SessionAsync(App, people: 2);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        using var trainee = await App.ApiClientAsync(s.Emails[0]);
        using var other = await App.ApiClientAsync(s.Emails[1]);
        await CheckInKit.OpenAsync(instructor, s.SessionId, minutes: 30);

        for (var i = 1; i <= 4; i++)
        {
            (await ErrorAsync(await CheckInKit.CheckInAsync(trainee, "XXXXXX", s.SessionId), HttpStatusCode.BadRequest))
                .ShouldBe(5 - i == 1 ? "Código errado ou expirado. Resta 1 tentativa." : $"Código errado ou expirado. Restam {5 - i} tentativas.");
        }

        (await ErrorAsync(await CheckInKit.CheckInAsync(trainee, "YYYYYY", null), (HttpStatusCode)429)).ShouldBe("Códigos errados demais: aguarde 5 minutos e tente de novo.");
        var code = await CheckInKit.CodeAsync(instructor, s.SessionId);
        var limited = await CheckInKit.CheckInAsync(trainee, code, s.SessionId);
        limited.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromMinutes(5), "a 429 says when to try again");
        (await ErrorAsync(limited, (HttpStatusCode)429)).ShouldBe("Códigos errados demais: aguarde 5 minutos e tente de novo.");
        (await App.WithDbAsync(db => db.CheckInFailures.CountAsync(f => f.PersonId == s.People[0]))).ShouldBe(5);

        // The page answers the same 429, with the same Retry-After, and the message on the form.
        using var page = NewBrowser();
        (await page.SignInAsync(s.Emails[0], AttendanceKit.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = s.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var onPage = await page.SubmitAsync($"/checkin?s={session}", "/checkin", new Dictionary<string, string?> { ["s"] = session, ["code"] = code });
        onPage.StatusCode.ShouldBe((HttpStatusCode)429);
        onPage.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromMinutes(5));
        (await onPage.Content.ReadAsStringAsync()).ShouldContain("Códigos errados demais");
        // The limit is per person: someone else checks in meanwhile.
        (await CheckInKit.CheckInAsync(other, code, s.SessionId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RowsAsync(s.SessionId)).Select(r => r.PersonId).ShouldBe([s.People[1]]);

        App.Clock.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(1)));
        code = await CheckInKit.CodeAsync(instructor, s.SessionId);
        (await CheckInKit.CheckInAsync(trainee, code, s.SessionId)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_check_in_after_the_grace_period_is_late_and_still_credits_the_session()
    {
        var s = await CheckInKit.SessionAsync(App, people: 2, startedMinutesAgo: 10);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        using var early = await App.ApiClientAsync(s.Emails[0]);
        using var late = await App.ApiClientAsync(s.Emails[1]);
        await CheckInKit.OpenAsync(instructor, s.SessionId, minutes: 30);

        var body = await (await CheckInKit.CheckInAsync(early, await CheckInKit.CodeAsync(instructor, s.SessionId), s.SessionId)).Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("Present");
        App.Clock.Advance(TimeSpan.FromMinutes(6)); // 16 minutes after the start: past the 15-minute grace
        body = await (await CheckInKit.CheckInAsync(late, await CheckInKit.CodeAsync(instructor, s.SessionId), s.SessionId)).Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("Late");

        var rows = (await RowsAsync(s.SessionId)).ToDictionary(r => r.PersonId);
        rows[s.People[0]].Status.ShouldBe(AttendanceStatus.Present);
        rows[s.People[1]].Status.ShouldBe(AttendanceStatus.Late);
        var credited = await CreditedAsync(s.SessionId);
        credited[s.People[0]].ShouldBe(120);
        credited[s.People[1]].ShouldBe(120);
    }

    [Test]
    public async Task With_the_second_code_both_codes_credit_in_full_one_code_credits_half_and_hours_follow()
    {
        var s = await CheckInKit.SessionAsync(App, people: 4, startedMinutesAgo: 5, minutes: 90);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        var clients = new List<HttpClient>();
        foreach (var e in s.Emails)
        {
            clients.Add(await App.ApiClientAsync(e));
        }

        try
        {
            // Arrival: people 0 and 1 (1 late). Person 2 comes only for the confirmation, person 3 never.
            await CheckInKit.OpenAsync(instructor, s.SessionId, minutes: 20);
            (await CheckInKit.CheckInAsync(clients[0], await CheckInKit.CodeAsync(instructor, s.SessionId), s.SessionId)).EnsureSuccessStatusCode();
            App.Clock.Advance(TimeSpan.FromMinutes(12));
            (await CheckInKit.CheckInAsync(clients[1], await CheckInKit.CodeAsync(instructor, s.SessionId), s.SessionId)).EnsureSuccessStatusCode();
            (await CreditedAsync(s.SessionId)).ShouldBe(new Dictionary<int, int> { [s.People[0]] = 90, [s.People[1]] = 90 });

            // Near the end: the confirmation window. Until they confirm, arrival-only people hold half the minutes.
            App.Clock.Advance(TimeSpan.FromMinutes(60));
            var opened = await CheckInKit.OpenAsync(instructor, s.SessionId, kind: "Confirmation", minutes: 10);
            opened.GetProperty("downgraded").GetInt32().ShouldBe(2);
            (await CreditedAsync(s.SessionId))[s.People[0]].ShouldBe(45);
            var code = await CheckInKit.CodeAsync(instructor, s.SessionId);
            var first = await (await CheckInKit.CheckInAsync(clients[0], code, s.SessionId)).Content.ReadFromJsonAsync<JsonElement>();
            first.GetProperty("status").GetString().ShouldBe("Present");
            first.GetProperty("kind").GetString().ShouldBe("Confirmation");
            (await CheckInKit.CheckInAsync(clients[2], code, null)).EnsureSuccessStatusCode();
            var again = await (await CheckInKit.CheckInAsync(clients[0], code, s.SessionId)).Content.ReadFromJsonAsync<JsonElement>();
            again.GetProperty("alreadyCheckedIn").GetBoolean().ShouldBeTrue();

            var rows = (await RowsAsync(s.SessionId)).ToDictionary(r => r.PersonId);
            rows[s.People[0]].Status.ShouldBe(AttendanceStatus.Present);
            rows[s.People[0]].ConfirmedAt.ShouldNotBeNull();
            rows[s.People[1]].Status.ShouldBe(AttendanceStatus.Partial);
            rows[s.People[1]].Minutes.ShouldBe(45);
            rows[s.People[2]].Status.ShouldBe(AttendanceStatus.Partial);
            rows[s.People[2]].CheckedInAt.ShouldBeNull();
            rows.ContainsKey(s.People[3]).ShouldBeFalse();

            // Hours: the single rule, the roster and the trainee's own ledger agree.
            var credited = await CreditedAsync(s.SessionId);
            credited.ShouldBe(new Dictionary<int, int> { [s.People[0]] = 90, [s.People[1]] = 45, [s.People[2]] = 45 }, ignoreOrder: true);
            var roster = await instructor.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{s.SessionId}/roster");
            roster.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("personId").GetInt32(), r => r.GetProperty("creditedMinutes").GetInt32())
                .ShouldBe(new Dictionary<int, int> { [s.People[0]] = 90, [s.People[1]] = 45, [s.People[2]] = 45, [s.People[3]] = 0 });
            for (var i = 0; i < 4; i++)
            {
                var hours = await clients[i].GetFromJsonAsync<JsonElement>("/api/v1/hours/mine");
                hours.GetProperty("creditedMinutesAllTime").GetInt32().ShouldBe(new[] { 90, 45, 45, 0 }[i]);
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Test]
    public async Task The_pages_the_instructor_screen_shows_code_and_qr_and_the_trainee_checks_in_from_the_qr_link()
    {
        var s = await CheckInKit.SessionAsync(App, people: 1);
        using var instructor = NewBrowser();
        (await instructor.SignInAsync(s.InstructorEmail, AttendanceKit.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await instructor.SubmitAsync($"/sessions/{s.SessionId}/checkin", $"/sessions/{s.SessionId}/checkin/open", new Dictionary<string, string?> { ["kind"] = "Arrival", ["minutes"] = "15" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (status, screen) = await instructor.GetPageAsync($"/sessions/{s.SessionId}/checkin");
        status.ShouldBe(HttpStatusCode.OK);
        var code = screen.QuerySelector("[data-testid=checkin-code]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).Trim();
        code.Length.ShouldBe(6);
        screen.QuerySelector("img[data-testid=checkin-qr]")!.GetAttribute("src")!.ShouldStartWith("data:image/png;base64,");
        var live = await instructor.Client.GetFromJsonAsync<JsonElement>($"/sessions/{s.SessionId}/checkin/live?have={code}");
        live.GetProperty("code").GetString().ShouldBe(code);
        live.GetProperty("link").GetString().ShouldBe($"https://traininghub.test/checkin?s={s.SessionId}&code={code}");
        live.GetProperty("qr").ValueKind.ShouldBe(JsonValueKind.Null);

        using var trainee = NewBrowser();
        (await trainee.SignInAsync(s.Emails[0], AttendanceKit.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await trainee.GetPageAsync($"/checkin?s={s.SessionId}&code={code}");
        page.QuerySelector("#code")!.GetAttribute("value").ShouldBe(code);
        var response = await trainee.SubmitAsync($"/checkin?s={s.SessionId}&code={code}", "/checkin", new Dictionary<string, string?> { ["s"] = s.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["code"] = code });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=checkin-result]")!;
        result.GetAttribute("data-status").ShouldBe("Present");
        result.GetAttribute("data-already").ShouldBe("false");
        (await RowsAsync(s.SessionId)).ShouldHaveSingleItem().PersonId.ShouldBe(s.People[0]);

        var (_, roster) = await instructor.GetPageAsync($"/sessions/{s.SessionId}/roster");
        roster.QuerySelector($"[data-person='{s.People[0]}'] [data-testid=checked-in]").ShouldNotBeNull();
    }

    [Test]
    public async Task A_qr_link_scanned_while_signed_out_survives_sign_in_and_once_rotated_asks_for_the_current_code_without_counting_an_attempt()
    {
        var s = await CheckInKit.SessionAsync(App, people: 1);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        await CheckInKit.OpenAsync(instructor, s.SessionId, minutes: 30);
        var code = await CheckInKit.CodeAsync(instructor, s.SessionId);
        var link = $"/checkin?s={s.SessionId}&code={code}";

        // Signed out: the link leads to the sign-in page, which returns to the link with its code.
        using var trainee = NewBrowser();
        var away = await trainee.Client.GetAsync(new Uri(link, UriKind.Relative));
        away.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var login = away.Headers.Location!.IsAbsoluteUri ? away.Headers.Location.PathAndQuery : away.Headers.Location.ToString();
        login.ShouldStartWith("/account/login");
        var returnUrl = Uri.UnescapeDataString(login[(login.IndexOf("ReturnUrl=", StringComparison.OrdinalIgnoreCase) + "ReturnUrl=".Length)..]);
        returnUrl.ShouldBe(link);

        // Signing in takes a few minutes: the code in the link rotates meanwhile.
        App.Clock.Advance(TimeSpan.FromMinutes(3));
        var (_, loginPage) = await trainee.GetPageAsync(login);
        loginPage.QuerySelector("input[name=ReturnUrl]")!.GetAttribute("value").ShouldBe(link, "the sign-in form carries the link");
        var signedIn = await trainee.SubmitAsync(login, "/account/login", new Dictionary<string, string?> { ["Email"] = s.Emails[0], ["Password"] = AttendanceKit.Password });
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe(link);
        var (_, page) = await trainee.GetPageAsync(link);
        page.QuerySelector("#code")!.GetAttribute("value").ShouldBe(code, "the page keeps the code from the link");
        page.QuerySelector("[data-testid=checkin-target]").ShouldNotBeNull("and the session it is for");

        var stale = await trainee.SubmitAsync(link, "/checkin", new Dictionary<string, string?> { ["s"] = s.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["code"] = code });
        stale.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Browser.Parse(await stale.Content.ReadAsStringAsync()).QuerySelector("[data-testid=checkin-error]")!.TextContent.ShouldContain("Este código já mudou");
        (await App.WithDbAsync(db => db.CheckInFailures.CountAsync(f => f.PersonId == s.People[0]))).ShouldBe(0, "a rotated code is not a wrong attempt");

        // A code that was never right still counts.
        (await CheckInKit.CheckInAsync(await App.ApiClientAsync(s.Emails[0]), "XXXXXX", s.SessionId)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await App.WithDbAsync(db => db.CheckInFailures.CountAsync(f => f.PersonId == s.People[0]))).ShouldBe(1);

        var current = await CheckInKit.CodeAsync(instructor, s.SessionId);
        var done = await trainee.SubmitAsync(link, "/checkin", new Dictionary<string, string?> { ["s"] = s.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["code"] = current });
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        Browser.Parse(await done.Content.ReadAsStringAsync()).QuerySelector("[data-testid=checkin-result]")!.GetAttribute("data-status").ShouldBe("Present");
    }

    [Test]
    public async Task The_trainee_home_shows_a_banner_while_a_check_in_is_open_and_not_yet_done()
    {
        var s = await CheckInKit.SessionAsync(App, people: 1);
        using var trainee = NewBrowser();
        (await trainee.SignInAsync(s.Emails[0], AttendanceKit.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await trainee.GetPageAsync("/")).Html.QuerySelector("[data-testid=checkin-banner]").ShouldBeNull("nothing open yet");

        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        await CheckInKit.OpenAsync(instructor, s.SessionId, minutes: 30);
        var (_, home) = await trainee.GetPageAsync("/");
        home.QuerySelector($"[data-testid=checkin-banner] a[data-session='{s.SessionId}']")!.GetAttribute("href").ShouldBe($"/checkin?s={s.SessionId}");
        home.QuerySelector("nav a[data-nav=checkin]").ShouldNotBeNull();

        var code = await CheckInKit.CodeAsync(instructor, s.SessionId);
        (await CheckInKit.CheckInAsync(await App.ApiClientAsync(s.Emails[0]), code, s.SessionId)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await trainee.GetPageAsync("/")).Html.QuerySelector("[data-testid=checkin-banner]").ShouldBeNull("checked in: the banner goes");
    }
}
