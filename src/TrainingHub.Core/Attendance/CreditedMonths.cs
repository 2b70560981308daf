using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

/// <summary>Credited minutes of one person in one offering in one local month (yyyyMM), and how many attendance rows they sum.</summary>
public sealed class CreditedSlice
{
    public int PersonId { get; init; }
    public int OfferingId { get; init; }
    public int Month { get; init; }
    public int Minutes { get; init; }
    public int Rows { get; init; }
}

/// <summary>
/// Credited minutes over a period of local dates, read from the maintained <see cref="CreditedMonth"/> rows for every
/// whole month of the period and from the attendance rows themselves (<see cref="CreditedAttendance"/>) for a first or
/// last month the period covers only in part. The sums are those of the raw rows either way.
/// </summary>
public static class CreditedMonths
{
    /// <summary>
    /// The first month the maintained rows are used for. Brazil's last daylight-saving period ended on 17/02/2019; the
    /// SQLite trigger, which has no time-zone database, buckets sessions at UTC−3, exact from this month on. Earlier
    /// months are read from the attendance rows on every provider.
    /// </summary>
    public const int FirstMaintained = 201903;

    public static int MonthOf(DateOnly date) => (date.Year * 100) + date.Month;

    public static IQueryable<CreditedSlice> Between(TrainingHubDbContext db, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(db);
        var firstWhole = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var afterLastWhole = to.AddDays(1).Day == 1 ? to.AddDays(1) : new DateOnly(to.Year, to.Month, 1);
        var maintainedFrom = firstWhole < FirstMaintainedDate ? FirstMaintainedDate : firstWhole;

        IQueryable<CreditedSlice>? query = null;
        if (maintainedFrom < afterLastWhole)
        {
            int lo = MonthOf(maintainedFrom), hi = MonthOf(afterLastWhole.AddMonths(-1));
            query = db.CreditedMonths.Where(c => c.Month >= lo && c.Month <= hi && c.Rows > 0)
                .Select(c => new CreditedSlice { PersonId = c.PersonId, OfferingId = c.OfferingId, Month = c.Month, Minutes = c.Minutes, Rows = c.Rows });
        }

        // Every other month of the period (a part of the first or last, or one before the maintained months) from the rows.
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            if (m >= maintainedFrom && m.AddMonths(1) <= afterLastWhole)
            {
                continue;
            }

            var start = m < from ? from : m;
            var end = m.AddMonths(1).AddDays(-1) > to ? to : m.AddMonths(1).AddDays(-1);
            var fromUtc = SaoPaulo.ToUtc(start.ToDateTime(TimeOnly.MinValue));
            var toUtc = SaoPaulo.ToUtc(end.AddDays(1).ToDateTime(TimeOnly.MinValue));
            var month = MonthOf(m);
            var raw = from c in CreditedAttendance.Query(db)
                      where c.SessionStartsAt >= fromUtc && c.SessionStartsAt < toUtc
                      group c by new { c.PersonId, c.OfferingId } into g
                      select new CreditedSlice { PersonId = g.Key.PersonId, OfferingId = g.Key.OfferingId, Month = month, Minutes = g.Sum(x => x.CreditedMinutes), Rows = g.Count() };
            query = query is null ? raw : query.Concat(raw);
        }

        return query ?? db.CreditedMonths.Where(c => false).Select(c => new CreditedSlice { PersonId = c.PersonId, OfferingId = c.OfferingId, Month = c.Month, Minutes = c.Minutes, Rows = c.Rows });
    }

    private static readonly DateOnly FirstMaintainedDate = new(FirstMaintained / 100, FirstMaintained % 100, 1);
}
