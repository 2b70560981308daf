using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>Attendance rate per class or series: credited minutes over the minutes the recorded sessions were worth, for people in scope.</summary>
public static class AttendanceRateReport
{
    public static async Task<ReportData> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = request.Period(time);
        var facts = await ReportFacts.QueryAsync(db, scope, request, from, to, ct);
        var byOffering = await facts.GroupBy(f => f.OfferingId)
            .Select(g => new { Id = g.Key, Records = g.Count(), Credited = g.Sum(x => x.CreditedMinutes), Possible = g.Sum(x => x.SessionMinutes) })
            .ToListAsync(ct);
        var ids = byOffering.Select(x => x.Id).ToList();
        var names = await db.Offerings.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Code, o.Title }).ToDictionaryAsync(o => o.Id, ct);
        var rows = byOffering.OrderBy(x => names[x.Id].Code, StringComparer.Ordinal)
            .Select(x => new object?[] { names[x.Id].Code, names[x.Id].Title, x.Records, x.Credited, x.Possible, TargetReport.Percent(x.Credited, x.Possible) })
            .ToList();
        var credited = byOffering.Sum(x => x.Credited);
        var possible = byOffering.Sum(x => x.Possible);
        return new ReportData
        {
            Kind = request.Kind,
            Columns =
            [
                new("Report.Col.Code", ColumnType.Text), new("Report.Col.Offering", ColumnType.Text), new("Report.Col.Records", ColumnType.Integer),
                new("Report.Col.Hours", ColumnType.Hours), new("Report.Col.PossibleHours", ColumnType.Hours), new("Report.Col.Rate", ColumnType.Percent),
            ],
            RowCount = rows.Count,
            Rows = (skip, take) => ReportData.Slice(rows, skip, take),
            Totals = [null, null, byOffering.Sum(x => x.Records), credited, possible, TargetReport.Percent(credited, possible)],
            Filters = await ReportFacts.DescribeAsync(db, scope, request, from, to, ct),
            From = from,
            To = to,
        };
    }
}
