using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

/// <summary>
/// The "done when" of the hour ledger: with thousands of attendance rows, the hours shown to trainees, to the instructor
/// (per session and per class) and to the administrator equal a sum computed here from the raw rows, independently of
/// <see cref="CreditedAttendance"/>.
/// </summary>
public sealed class HoursAgreementTests(string provider) : OnBothDatabases(provider)
{
    private const int People = 60;
    private const int Sessions = 40;
    private const int Minutes = 90;

    [Test]
    public async Task Trainee_instructor_and_administrator_hours_equal_an_independent_sum_over_thousands_of_rows()
    {
        var c = await AttendanceKit.ClassAsync(App, People, Sessions, Minutes);
        using var instructor = await App.ApiClientAsync(c.InstructorEmail);
        var random = new Random(4);
        string[] statuses = ["Present", "Present", "Late", "Partial", "Excused", "Absent"];
        for (var s = 0; s < Sessions; s++)
        {
            var entries = c.People.Select(p =>
            {
                var status = statuses[random.Next(statuses.Length)];
                int? minutes = status == "Partial" ? random.Next(1, Minutes + 1) : status == "Late" && random.Next(2) == 0 ? random.Next(0, Minutes + 1) : null;
                return new { personId = p, status, minutes };
            }).Where(_ => random.Next(20) != 0).ToArray(); // some people without a row in some sessions
            (await instructor.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[s]}/roster", new { entries })).EnsureSuccessStatusCode();
        }

        await App.WithDbAsync(db => db.Sessions.Where(x => c.SessionIds.Contains(x.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SessionStatus.Closed)));
        await App.WithDbAsync(db => db.Sessions.Where(x => x.Id == c.SessionIds[7]).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SessionStatus.Cancelled)));

        // Independent: the raw rows and sessions, the rule written out here.
        var raw = await App.WithDbAsync(db => db.AttendanceRecords.AsNoTracking().Where(a => c.SessionIds.Contains(a.SessionId))
            .Select(a => new { a.PersonId, a.SessionId, a.Status, a.Minutes }).ToListAsync());
        raw.Count.ShouldBeGreaterThan(2000);
        var sessions = await App.WithDbAsync(db => db.Sessions.AsNoTracking().Where(x => c.SessionIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => new { x.Status, x.CreditedMinutes, x.StartsAt }));
        int Credit(AttendanceStatus status, int? minutes, int full) => status switch
        {
            AttendanceStatus.Present or AttendanceStatus.Late => minutes is { } m ? Math.Min(m, full) : full,
            AttendanceStatus.Partial => Math.Min(minutes ?? 0, full),
            _ => 0,
        };
        var year = SaoPaulo.Today(App.Clock).Year;
        var (from, to) = (SaoPaulo.ToUtc(new DateTime(year, 1, 1)), SaoPaulo.ToUtc(new DateTime(year + 1, 1, 1)));
        var counted = raw.Where(r => sessions[r.SessionId].Status != SessionStatus.Cancelled).ToList();
        var perPerson = c.People.ToDictionary(p => p, p => counted.Where(r => r.PersonId == p).Sum(r => Credit(r.Status, r.Minutes, sessions[r.SessionId].CreditedMinutes)));
        var perPersonYear = c.People.ToDictionary(p => p, p => counted.Where(r => r.PersonId == p && sessions[r.SessionId].StartsAt >= from && sessions[r.SessionId].StartsAt < to)
            .Sum(r => Credit(r.Status, r.Minutes, sessions[r.SessionId].CreditedMinutes)));
        var perSession = counted.GroupBy(r => (r.SessionId, r.PersonId)).ToDictionary(g => g.Key, g => g.Sum(r => Credit(r.Status, r.Minutes, sessions[r.SessionId].CreditedMinutes)));
        perPerson.Values.Sum().ShouldBeGreaterThan(0);
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "rosters saved, sessions closed, one cancelled");

        // Administrator: every person's ledger.
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        foreach (var p in c.People)
        {
            var ledger = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/{p}/hours");
            ledger.GetProperty("creditedMinutesAllTime").GetInt32().ShouldBe(perPerson[p], $"person {p}");
            ledger.GetProperty("creditedMinutesThisYear").GetInt32().ShouldBe(perPersonYear[p], $"person {p}");
            ledger.GetProperty("classes").EnumerateArray().Single(x => x.GetProperty("offeringId").GetInt32() == c.OfferingId)
                .GetProperty("creditedMinutes").GetInt32().ShouldBe(perPerson[p], $"person {p}");
        }

        // Instructor: each session's roster, and the class so far on it.
        var classFromRoster = new Dictionary<int, int>();
        foreach (var s in c.SessionIds.Where(s => sessions[s].Status != SessionStatus.Cancelled))
        {
            var roster = await instructor.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{s}/roster");
            foreach (var row in roster.GetProperty("rows").EnumerateArray())
            {
                var person = row.GetProperty("personId").GetInt32();
                row.GetProperty("creditedMinutes").GetInt32().ShouldBe(perSession.GetValueOrDefault((s, person)), $"session {s}, person {person}");
                classFromRoster[person] = row.GetProperty("classCreditedMinutes").GetInt32();
            }

            roster.GetProperty("summary").GetProperty("creditedMinutes").GetInt32().ShouldBe(perPerson.Values.Sum());
        }

        classFromRoster.ShouldBe(perPerson);

        // Trainees: their own ledger (API and page).
        foreach (var p in c.People.Take(3))
        {
            var (email, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee, p);
            using var mine = await App.ApiClientAsync(email);
            (await mine.GetFromJsonAsync<JsonElement>("/api/v1/hours/mine")).GetProperty("creditedMinutesAllTime").GetInt32().ShouldBe(perPerson[p]);
            using var browser = NewBrowser();
            await browser.SignInAsync(email, AttendanceKit.Password);
            var (_, page) = await browser.GetPageAsync("/hours");
            page.QuerySelector($"tr[data-offering='{c.OfferingId}'] [data-testid=credited]")!.TextContent.Trim().ShouldBe(FormatHours(perPerson[p]));
        }
    }

    private static string FormatHours(int minutes)
    {
        var h = (minutes / 60).ToString("N0", CultureInfo.GetCultureInfo("pt-BR"));
        return minutes % 60 == 0 ? $"{h} h" : string.Create(CultureInfo.InvariantCulture, $"{h} h {minutes % 60:00}");
    }
}
