using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Core.Reports;

/// <summary>
/// The topics demanded in the training-needs surveys the reader sees, closing in the period: per survey and topic the
/// points (first place worth as many points as there are topics), the answers naming it and what was offered for it.
/// A survey with fewer answers than the anonymity threshold contributes no rows, as on its results page.
/// </summary>
public static class NeedsTopicsReport
{
    public static async Task<ReportData> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = request.Period(time);
        var rows = new List<object?[]>();
        var surveys = await SurveyResponseRatesReport.NeedsSurveysAsync(db, scope, request, from, to, ct);
        foreach (var s in surveys)
        {
            var results = await GetNeedsResults.HandleAsync(db, scope, time, s.Id, ct);
            if (results is { Shown: true })
            {
                rows.AddRange(results.Topics.Select(t => new object?[]
                {
                    s.Programme, s.Cycle, t.Name, t.Points, t.Count, t.Offered.Count == 0 ? null : string.Join(", ", t.Offered.Select(o => o.Code)),
                }));
            }
        }

        return new ReportData
        {
            Kind = request.Kind,
            Columns =
            [
                new("Report.Col.Programme", ColumnType.Text), new("Report.Col.Cycle", ColumnType.Text), new("Report.Col.Topic", ColumnType.Text),
                new("Report.Col.Points", ColumnType.Integer), new("Report.Col.NamedBy", ColumnType.Integer), new("Report.Col.Offered", ColumnType.Text),
            ],
            RowCount = rows.Count,
            Rows = (skip, take) => ReportData.Slice(rows, skip, take),
            Filters = await ReportFacts.DescribeAsync(db, scope, request, from, to, ct),
            Chart = surveys.Count == 1 ? rows.Select(r => ((string)r[2]!, (double)(int)r[3]!)).ToList() : null,
            From = from,
            To = to,
        };
    }
}
