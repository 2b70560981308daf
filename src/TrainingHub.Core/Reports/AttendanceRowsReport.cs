using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>
/// Every credited attendance row the filters cover, one line each: the raw material the other reports add up. Rows
/// stream from the database in order (session start, person), never held in memory, so millions export in constant space.
/// </summary>
public static class AttendanceRowsReport
{
    public static async Task<ReportData> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = request.Period(time);
        var facts = await ReportFacts.QueryAsync(db, scope, request, from, to, ct);
        var fullCpf = request.ShowsFullCpf(scope);
        var columns = new ReportColumn[]
        {
            new("Report.Col.Date", ColumnType.Date), new("Col.Name", ColumnType.Text), new("Report.Col.Cpf", ColumnType.Text),
            new("Report.Col.Organization", ColumnType.Text), new("Report.Col.Programme", ColumnType.Text), new("Report.Col.Code", ColumnType.Text),
            new("Report.Col.SessionMinutes", ColumnType.Integer), new("Report.Col.Minutes", ColumnType.Integer),
        };
        // Count and total in one scan: on millions of rows each scan costs as much as a third of the export.
        var summary = await facts.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Minutes = g.Sum(f => f.CreditedMinutes) }).SingleOrDefaultAsync(ct);
        return new ReportData
        {
            Kind = request.Kind,
            Columns = columns,
            RowCount = summary?.Count ?? 0,
            Rows = (skip, take) => Query(facts).Skip(skip).Take(take ?? int.MaxValue).AsAsyncEnumerable()
                .Select(r => new object?[]
                {
                    SaoPaulo.ToLocal(r.SessionStartsAt), r.PersonName, request.ShowCpf(scope, r.PersonCpf, r.PersonOrganizationPath), r.OrganizationName,
                    r.ProgrammeCode, r.OfferingCode, r.SessionMinutes, r.CreditedMinutes,
                }),
            Totals = [null, null, null, null, null, null, null, summary?.Minutes ?? 0],
            Filters = await ReportFacts.DescribeAsync(db, scope, request, from, to, ct),
            From = from,
            To = to,
            FullCpf = fullCpf,
        };
    }

    /// <summary>The query the export streams (also what the benchmark hands to PostgreSQL's COPY).</summary>
    public static IQueryable<ReportFact> Query(IQueryable<ReportFact> facts) =>
        facts.OrderBy(f => f.SessionStartsAt).ThenBy(f => f.PersonId);
}
