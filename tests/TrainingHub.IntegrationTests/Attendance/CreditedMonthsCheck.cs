using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

/// <summary>The maintained monthly sums (<see cref="CreditedMonth"/>) against a sum computed here from the raw attendance rows.</summary>
internal static class CreditedMonthsCheck
{
    public static int Credit(AttendanceStatus status, int? minutes, int full) => status switch
    {
        AttendanceStatus.Present or AttendanceStatus.Late => minutes is { } m ? Math.Min(m, full) : full,
        AttendanceStatus.Partial => Math.Min(minutes ?? 0, full),
        _ => 0,
    };

    public static int MonthOf(DateTime utc)
    {
        var local = SaoPaulo.ToLocal(utc);
        return (local.Year * 100) + local.Month;
    }

    /// <summary>Every (person, offering, month) the raw rows credit, with its minutes and row count, equals the maintained row; no other maintained row is in use.</summary>
    public static async Task ShouldMatchTheRawRowsAsync(TestApp app, string step)
    {
        var raw = await app.WithDbAsync(db => (from a in db.AttendanceRecords.AsNoTracking()
                                               join s in db.Sessions.AsNoTracking() on a.SessionId equals s.Id
                                               where s.Status != SessionStatus.Cancelled
                                               select new { a.PersonId, s.OfferingId, s.StartsAt, a.Status, a.Minutes, s.CreditedMinutes }).ToListAsync());
        var expected = raw.GroupBy(r => (r.PersonId, r.OfferingId, Month: MonthOf(r.StartsAt)))
            .Select(g => (g.Key.PersonId, g.Key.OfferingId, g.Key.Month, Minutes: g.Sum(r => Credit(r.Status, r.Minutes, r.CreditedMinutes)), Rows: g.Count()))
            .OrderBy(x => x.PersonId).ThenBy(x => x.OfferingId).ThenBy(x => x.Month).ToList();
        var maintained = (await app.WithDbAsync(db => db.CreditedMonths.AsNoTracking().Where(c => c.Rows != 0 || c.Minutes != 0).ToListAsync()))
            .Select(c => (c.PersonId, c.OfferingId, c.Month, c.Minutes, c.Rows))
            .OrderBy(x => x.PersonId).ThenBy(x => x.OfferingId).ThenBy(x => x.Month).ToList();
        expected.ShouldNotBeEmpty(step);
        maintained.Count.ShouldBe(expected.Count, step);
        for (var i = 0; i < expected.Count; i++)
        {
            maintained[i].ShouldBe(expected[i], step);
        }
    }
}
