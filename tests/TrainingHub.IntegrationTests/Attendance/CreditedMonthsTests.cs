using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

/// <summary>
/// The maintained credited minutes per person, offering and month stay equal to the raw attendance rows after every
/// kind of change (roster save, check-in, session moved, re-credited, cancelled and reinstated, a person moving to
/// another organisation), and the hours reports read from them agree with the raw rows, also for
/// periods that cut months in two.
/// </summary>
public sealed class CreditedMonthsTests(string provider) : OnBothDatabases(provider)
{
    private static object[] Entries(IEnumerable<int> people, int seed, int full)
    {
        var random = new Random(seed);
        string[] statuses = ["Present", "Late", "Partial", "Excused", "Absent"];
        return people.Select(p =>
        {
            var status = statuses[random.Next(statuses.Length)];
            int? minutes = status == "Partial" ? random.Next(1, full + 1) : status == "Late" && random.Next(2) == 0 ? random.Next(0, full + 1) : null;
            return (object)new { personId = p, status, minutes };
        }).ToArray();
    }

    [Test]
    public async Task Roster_saves_and_session_moves_credits_cancellation_and_reinstatement_keep_the_sums_equal_to_the_raw_rows()
    {
        var c = await AttendanceKit.ClassAsync(App, 12, sessions: 4, minutes: 90);
        using var instructor = await App.ApiClientAsync(c.InstructorEmail);
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        for (var s = 0; s < 4; s++)
        {
            (await instructor.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[s]}/roster", new { entries = Entries(c.People, s, 90) })).EnsureSuccessStatusCode();
        }

        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "roster saved");

        (await instructor.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[0]}/roster", new { entries = Entries(c.People, 99, 90) })).EnsureSuccessStatusCode();
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "roster corrected");

        // Moved to another month, worth fewer minutes: every row of the session moves and is re-credited.
        var moved = await App.WithDbAsync(db => db.Sessions.Where(x => x.Id == c.SessionIds[1]).Select(x => x.StartsAt).SingleAsync());
        await App.WithDbAsync(db => db.Sessions.Where(x => x.Id == c.SessionIds[1]).ExecuteUpdateAsync(u => u
            .SetProperty(x => x.StartsAt, moved.AddDays(-40)).SetProperty(x => x.EndsAt, moved.AddDays(-40).AddMinutes(60)).SetProperty(x => x.CreditedMinutes, 60)));
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "session moved and re-credited");

        (await admin.PostAsync($"/api/v1/sessions/{c.SessionIds[2]}/cancel", null)).EnsureSuccessStatusCode();
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "session cancelled");
        await App.WithDbAsync(db => db.Sessions.Where(x => x.Id == c.SessionIds[2]).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SessionStatus.Scheduled)));
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "session reinstated");

        await App.WithDbAsync(db => db.AttendanceRecords.Where(a => a.SessionId == c.SessionIds[3] && a.PersonId == c.People[0]).ExecuteDeleteAsync());
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "row deleted");

        // The reports over a period that cuts months in two (the maintained whole months plus raw rows for the parts).
        var raw = await App.WithDbAsync(db => (from a in db.AttendanceRecords.AsNoTracking()
                                               join s in db.Sessions.AsNoTracking() on a.SessionId equals s.Id
                                               where s.Status != SessionStatus.Cancelled && s.OfferingId == c.OfferingId
                                               select new { a.PersonId, s.StartsAt, a.Status, a.Minutes, s.CreditedMinutes }).ToListAsync());
        var first = DateOnly.FromDateTime(SaoPaulo.ToLocal(raw.Min(r => r.StartsAt)));
        foreach (var (from, to) in new[] { (first.AddDays(-20), first.AddDays(70)), (first, first), (first.AddDays(1), first.AddDays(45)) })
        {
            var (fromUtc, toUtc) = (SaoPaulo.ToUtc(from.ToDateTime(TimeOnly.MinValue)), SaoPaulo.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
            var inPeriod = raw.Where(r => r.StartsAt >= fromUtc && r.StartsAt < toUtc).ToList();
            var query = string.Create(CultureInfo.InvariantCulture, $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&offeringId={c.OfferingId}");
            var byPerson = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/HoursByPerson?{query}&pageSize=200");
            byPerson.GetProperty("totalCount").GetInt32().ShouldBe(inPeriod.Select(r => r.PersonId).Distinct().Count(), query);
            byPerson.GetProperty("totals")[3].GetInt32().ShouldBe(inPeriod.Sum(r => CreditedMonthsCheck.Credit(r.Status, r.Minutes, r.CreditedMinutes)), query);
            var byMonth = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/HoursByMonth?{query}&pageSize=200");
            var months = byMonth.GetProperty("rows").EnumerateArray().Where(r => r[1].GetInt32() > 0).ToDictionary(r => r[0].GetString()!, r => r[1].GetInt32());
            months.ShouldBe(inPeriod.GroupBy(r => SaoPaulo.ToLocal(r.StartsAt).ToString("yyyy-MM", CultureInfo.InvariantCulture))
                .Select(g => (g.Key, Minutes: g.Sum(r => CreditedMonthsCheck.Credit(r.Status, r.Minutes, r.CreditedMinutes))))
                .Where(x => x.Minutes > 0).ToDictionary(x => x.Key, x => x.Minutes), ignoreOrder: true);
        }
    }

    [Test]
    public async Task Check_ins_and_the_confirmation_window_keep_the_sums_equal_to_the_raw_rows()
    {
        var s = await CheckInKit.SessionAsync(App, people: 3, startedMinutesAgo: 5, minutes: 90);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        using var a = await App.ApiClientAsync(s.Emails[0]);
        using var b = await App.ApiClientAsync(s.Emails[1]);
        await CheckInKit.OpenAsync(instructor, s.SessionId, minutes: 20);
        (await CheckInKit.CheckInAsync(a, await CheckInKit.CodeAsync(instructor, s.SessionId), s.SessionId)).EnsureSuccessStatusCode();
        (await CheckInKit.CheckInAsync(b, await CheckInKit.CodeAsync(instructor, s.SessionId), s.SessionId)).EnsureSuccessStatusCode();
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "checked in");

        App.Clock.Advance(TimeSpan.FromMinutes(70));
        (await CheckInKit.OpenAsync(instructor, s.SessionId, kind: "Confirmation", minutes: 10)).GetProperty("downgraded").GetInt32().ShouldBe(2);
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "downgraded to half until confirmed");
        (await CheckInKit.CheckInAsync(a, await CheckInKit.CodeAsync(instructor, s.SessionId), s.SessionId)).EnsureSuccessStatusCode();
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "confirmed");
        var mine = await App.WithDbAsync(db => db.CreditedMonths.Where(x => x.PersonId == s.People[0] && x.OfferingId == s.OfferingId).SumAsync(x => x.Minutes));
        mine.ShouldBe(90);
    }

    [Test]
    public async Task A_person_moved_to_another_organisation_takes_their_hours_with_them_in_the_organisation_report()
    {
        var c = await AttendanceKit.ClassAsync(App, 3, sessions: 2, minutes: 60);
        using var instructor = await App.ApiClientAsync(c.InstructorEmail);
        foreach (var session in c.SessionIds)
        {
            (await instructor.PostAsJsonAsync($"/api/v1/sessions/{session}/roster", new { entries = c.People.Select(p => new { personId = p, status = "Present" }).ToArray() })).EnsureSuccessStatusCode();
        }

        var person = c.People[0];
        var (oldOrg, newOrg) = await App.WithDbAsync(async db =>
        {
            var current = await db.People.Where(p => p.Id == person).Select(p => p.OrganizationId).SingleAsync();
            var other = await db.Organizations.Where(o => o.Id != current && !db.People.Any(p => p.OrganizationId == o.Id)).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            return (current, other);
        });
        var names = await App.WithDbAsync(db => db.Organizations.Where(o => o.Id == oldOrg || o.Id == newOrg).ToDictionaryAsync(o => o.Id, o => o.Name));
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var query = string.Create(CultureInfo.InvariantCulture, $"offeringId={c.OfferingId}&pageSize=200");
        async Task<Dictionary<string, int>> OwnAsync() => (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/HoursByOrganization?{query}"))
            .GetProperty("rows").EnumerateArray().Where(r => r[2].GetInt32() > 0).ToDictionary(r => r[0].GetString()!, r => r[2].GetInt32());

        (await OwnAsync()).GetValueOrDefault(names[oldOrg]).ShouldBe(360);
        await App.WithDbAsync(db => db.People.Where(p => p.Id == person).ExecuteUpdateAsync(u => u.SetProperty(p => p.OrganizationId, newOrg)));
        var after = await OwnAsync();
        after.GetValueOrDefault(names[oldOrg]).ShouldBe(240);
        after.GetValueOrDefault(names[newOrg]).ShouldBe(120);
        await CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "person moved");
    }
}
