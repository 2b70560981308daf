using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Participation;

namespace TrainingHub.Core.Reports;

/// <summary>
/// Organisations taking part in the programmes the reader's scope owns, counted by status from the participations'
/// history: the status an organisation had on a day is the last step dated on or before it. Over time: per programme,
/// state and month (as of the month's last day, or today for the current month), with "presented so far" (those that
/// reached presented or beyond by then, withdrawn ones included) and a chart of the months. By state: per programme,
/// stage and state, as of the period's end (or today).
/// </summary>
public static class ParticipationReport
{
    private static readonly ParticipationStatus[] Statuses = Enum.GetValues<ParticipationStatus>();

    private static readonly ParticipationStatus[] PresentedOrBeyond = [ParticipationStatus.Presented, ParticipationStatus.Implementing, ParticipationStatus.Live];

    private sealed record Step(int ParticipationId, ParticipationStatus Status, int? Stage, DateOnly EffectiveOn);

    private sealed record Taking(int Id, string Programme, string? State, int OrganizationId, List<Step> Steps);

    public static async Task<ReportData> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = request.Period(time);
        var today = SaoPaulo.Today(time);
        var q = db.ProgrammeParticipations.AsNoTracking().InScope(scope);
        if (request.ProgrammeId is { } programmeId)
        {
            q = q.Where(p => p.ProgrammeId == programmeId);
        }

        if (request.OrganizationId is { } orgId)
        {
            var path = await db.Organizations.Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct) ?? "/none/";
            q = q.Where(p => p.Organization!.Path.StartsWith(path));
        }

        var heads = await q.Select(p => new { p.Id, Programme = p.Programme!.Name, p.Organization!.State, p.OrganizationId }).ToListAsync(ct);
        var ids = heads.Select(h => h.Id).ToList();
        var steps = (await db.ParticipationChanges.AsNoTracking().Where(c => ids.Contains(c.ParticipationId))
                .Select(c => new Step(c.ParticipationId, c.Status, c.Stage, c.EffectiveOn)).ToListAsync(ct))
            .GroupBy(s => s.ParticipationId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.EffectiveOn).ToList());
        var taking = heads.Select(h => new Taking(h.Id, h.Programme, h.State, h.OrganizationId, steps.GetValueOrDefault(h.Id) ?? [])).ToList();
        var filters = await ReportFacts.DescribeAsync(db, scope, request, from, to, ct);
        return request.Kind == ReportKind.ParticipationByState
            ? ByState(request, taking, from, Min(to, today), filters)
            : OverTime(request, taking, from, Min(to, today), filters);
    }

    private static ReportData OverTime(ReportRequest request, List<Taking> taking, DateOnly from, DateOnly asOf, IReadOnlyList<(string Key, string Value)> filters)
    {
        var months = new List<DateOnly>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= asOf; month = month.AddMonths(1))
        {
            months.Add(Min(month.AddMonths(1).AddDays(-1), asOf));
        }

        var rows = new List<object?[]>();
        var chart = new List<(string, double)>();
        var series = Statuses.Select(_ => new List<double>()).Append([]).ToList();
        foreach (var day in months)
        {
            var label = day.ToString("MM/yyyy", CultureInfo.InvariantCulture);
            var monthTotals = new int[Statuses.Length + 1];
            foreach (var g in taking.GroupBy(t => (t.Programme, t.State)).OrderBy(g => g.Key.Programme, StringComparer.CurrentCulture).ThenBy(g => g.Key.State, StringComparer.Ordinal))
            {
                var counts = Count(g, day);
                if (counts.Sum() == 0)
                {
                    continue;
                }

                var presented = g.Count(t => t.Steps.Any(s => s.EffectiveOn <= day && PresentedOrBeyond.Contains(s.Status)));
                rows.Add([g.Key.Programme, g.Key.State ?? "", label, .. counts.Cast<object?>(), presented, counts.Sum()]);
                for (var i = 0; i < counts.Length; i++)
                {
                    monthTotals[i] += counts[i];
                }

                monthTotals[^1] += presented;
            }

            chart.Add((label, monthTotals[^1]));
            for (var i = 0; i < monthTotals.Length; i++)
            {
                series[i].Add(monthTotals[i]);
            }
        }

        return new ReportData
        {
            Kind = request.Kind,
            Columns =
            [
                new("Report.Col.Programme", ColumnType.Text), new("Report.Col.State", ColumnType.Text), new("Report.Col.Month", ColumnType.Text),
                .. StatusColumns(), new("Report.Col.PresentedSoFar", ColumnType.Integer), new("Report.Col.Organizations", ColumnType.Integer),
            ],
            RowCount = rows.Count,
            Rows = (skip, take) => ReportData.Slice(rows, skip, take),
            Filters = filters,
            Chart = chart.Count > 0 ? chart : null,
            ChartSeries = chart.Count > 0
                ? [.. Statuses.Select((s, i) => new ChartSeries("Participation.Status." + s, series[i])), new ChartSeries("Report.Col.PresentedSoFar", series[^1])]
                : null,
            From = from,
            To = asOf,
        };
    }

    private static ReportData ByState(ReportRequest request, List<Taking> taking, DateOnly from, DateOnly asOf, IReadOnlyList<(string Key, string Value)> filters)
    {
        var rows = new List<object?[]>();
        var totals = new int[Statuses.Length];
        var current = taking.Select(t => (t, Step: t.Steps.LastOrDefault(s => s.EffectiveOn <= asOf))).Where(x => x.Step is not null).ToList();
        foreach (var g in current.GroupBy(x => (x.t.Programme, x.Step!.Stage, x.t.State))
                     .OrderBy(g => g.Key.Programme, StringComparer.CurrentCulture).ThenBy(g => g.Key.Stage).ThenBy(g => g.Key.State, StringComparer.Ordinal))
        {
            var counts = Statuses.Select(s => g.Count(x => x.Step!.Status == s)).ToArray();
            rows.Add([g.Key.Programme, g.Key.Stage?.ToString(CultureInfo.InvariantCulture) ?? "", g.Key.State ?? "", .. counts.Cast<object?>(), counts.Sum()]);
            for (var i = 0; i < counts.Length; i++)
            {
                totals[i] += counts[i];
            }
        }

        return new ReportData
        {
            Kind = request.Kind,
            Columns =
            [
                new("Report.Col.Programme", ColumnType.Text), new("Report.Col.Stage", ColumnType.Text), new("Report.Col.State", ColumnType.Text),
                .. StatusColumns(), new("Report.Col.Organizations", ColumnType.Integer),
            ],
            RowCount = rows.Count,
            Rows = (skip, take) => ReportData.Slice(rows, skip, take),
            Totals = [null, null, null, .. totals.Cast<object?>(), totals.Sum()],
            Filters = filters,
            Chart = rows.Count is > 0 and <= 60
                ? rows.Select(r => ($"{r[2]} · {r[1]}".Trim(' ', '·'), (double)(int)r[^1]!)).ToList()
                : null,
            From = from,
            To = asOf,
        };
    }

    private static int[] Count(IEnumerable<Taking> taking, DateOnly day)
    {
        var counts = new int[Statuses.Length];
        foreach (var t in taking)
        {
            if (t.Steps.LastOrDefault(s => s.EffectiveOn <= day) is { } step)
            {
                counts[(int)step.Status]++;
            }
        }

        return counts;
    }

    private static IEnumerable<ReportColumn> StatusColumns() => Statuses.Select(s => new ReportColumn("Participation.Status." + s, ColumnType.Integer));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
