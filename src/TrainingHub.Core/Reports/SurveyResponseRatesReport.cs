using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Core.Reports;

/// <summary>
/// Response rates of the training-needs surveys the reader sees (programmes in scope) closing in the period: per survey
/// and organisation taking part, people asked, people who answered and the rate. Counts only, so no threshold applies.
/// </summary>
public static class SurveyResponseRatesReport
{
    public static async Task<ReportData> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = request.Period(time);
        var organizations = await OrganizationFilterAsync(db, request, ct);
        var rows = new List<object?[]>();
        foreach (var s in await NeedsSurveysAsync(db, scope, request, from, to, ct))
        {
            var results = await GetNeedsResults.HandleAsync(db, scope, time, s.Id, ct);
            rows.AddRange(results!.Rates.Where(r => organizations is null || organizations.Contains(r.OrganizationId))
                .Select(r => new object?[] { s.Programme, s.Cycle, r.Organization, r.Asked, r.Answered, TargetReport.Percent(r.Answered, r.Asked) }));
        }

        var asked = rows.Sum(r => (int)r[3]!);
        var answered = rows.Sum(r => (int)r[4]!);
        return new ReportData
        {
            Kind = request.Kind,
            Columns =
            [
                new("Report.Col.Programme", ColumnType.Text), new("Report.Col.Cycle", ColumnType.Text), new("Report.Col.Organization", ColumnType.Text),
                new("Report.Col.Asked", ColumnType.Integer), new("Report.Col.Answered", ColumnType.Integer), new("Report.Col.ResponseRate", ColumnType.Percent),
            ],
            RowCount = rows.Count,
            Rows = (skip, take) => ReportData.Slice(rows, skip, take),
            Totals = [null, null, null, asked, answered, TargetReport.Percent(answered, asked)],
            Filters = await ReportFacts.DescribeAsync(db, scope, request, from, to, ct),
            From = from,
            To = to,
        };
    }

    /// <summary>The needs surveys in the reader's scope (and the programme asked for) whose last day falls in the period.</summary>
    internal static async Task<List<NeedsSurveyRow>> NeedsSurveysAsync(TrainingHubDbContext db, ReaderScope scope, ReportRequest request, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await GetNeedsResults.ListAsync(db, scope, request.ProgrammeId, ct))
            .Where(s => DateOnly.FromDateTime(SaoPaulo.ToLocal(s.ClosesAt.AddSeconds(-1))) is var last && last >= from && last <= to)
            .OrderBy(s => s.Programme, StringComparer.CurrentCulture).ThenBy(s => s.Cycle, StringComparer.Ordinal).ToList();

    /// <summary>The organisation asked for and those under it, or null for all.</summary>
    internal static async Task<HashSet<int>?> OrganizationFilterAsync(TrainingHubDbContext db, ReportRequest request, CancellationToken ct)
    {
        if (request.OrganizationId is not { } id)
        {
            return null;
        }

        var path = await db.Organizations.Where(o => o.Id == id).Select(o => o.Path).SingleOrDefaultAsync(ct) ?? "/none/";
        return (await db.Organizations.Where(o => o.Path.StartsWith(path)).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
    }
}
