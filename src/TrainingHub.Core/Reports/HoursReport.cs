using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>
/// Credited hours grouped by person, organisation (with the organisations under it), municipality, programme, course,
/// class, month, quarter or year. Every figure is a sum of the same credited attendance rows, so the totals of every
/// grouping agree: the people of an organisation add up to its total, and every report's total is the same.
/// </summary>
public static class HoursReport
{
    private static readonly ReportColumn Minutes = new("Report.Col.Minutes", ColumnType.Integer);
    private static readonly ReportColumn Hours = new("Report.Col.Hours", ColumnType.Hours);

    public static async Task<ReportData> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = request.Period(time);
        var facts = await ReportFacts.HoursAsync(db, scope, request, from, to, ct);
        var total = await facts.SumAsync(f => f.CreditedMinutes, ct);
        var filters = await ReportFacts.DescribeAsync(db, scope, request, from, to, ct);
        var fullCpf = request.ShowsFullCpf(scope);

        ReportData Table(IReadOnlyList<ReportColumn> columns, IReadOnlyList<object?[]> rows, IReadOnlyList<(string, double)>? chart = null) => new()
        {
            Kind = request.Kind,
            Columns = columns,
            RowCount = rows.Count,
            Rows = (skip, take) => ReportData.Slice(rows, skip, take),
            Totals = TotalsRow(columns, total),
            Filters = filters,
            Chart = chart,
            From = from,
            To = to,
            FullCpf = fullCpf,
        };

        switch (request.Kind)
        {
            case ReportKind.HoursByPerson:
                {
                    var sums = facts.GroupBy(f => f.PersonId).Select(g => new { PersonId = g.Key, Minutes = g.Sum(x => x.CreditedMinutes) });
                    var ordered = from s in sums
                                  join p in db.People on s.PersonId equals p.Id
                                  orderby p.NameKey, p.Id
                                  select new { p.FullName, p.Cpf, Organization = p.Organization!.Name, p.Organization.Path, s.Minutes };
                    var columns = new[]
                    {
                        new ReportColumn("Col.Name", ColumnType.Text), new ReportColumn("Report.Col.Cpf", ColumnType.Text),
                        new ReportColumn("Report.Col.Organization", ColumnType.Text), Minutes, Hours,
                    };
                    return new ReportData
                    {
                        Kind = request.Kind,
                        Columns = columns,
                        RowCount = await sums.CountAsync(ct),
                        Rows = (skip, take) => ordered.Skip(skip).Take(take ?? int.MaxValue).AsAsyncEnumerable()
                            .Select(r => new object?[] { r.FullName, request.ShowCpf(scope, r.Cpf, r.Path), r.Organization, r.Minutes, r.Minutes }),
                        Totals = TotalsRow(columns, total),
                        Filters = filters,
                        From = from,
                        To = to,
                        FullCpf = fullCpf,
                    };
                }

            case ReportKind.HoursByOrganization:
                {
                    var direct = await facts.GroupBy(f => f.OrganizationId).Select(g => new { Id = g.Key, Minutes = g.Sum(x => x.CreditedMinutes) })
                        .ToDictionaryAsync(x => x.Id, x => x.Minutes, ct);
                    // The reader's organisations, and those of the participants their programmes reached outside their scope.
                    var reached = direct.Keys.ToList();
                    var inScope = db.Organizations.InScope(scope).Select(o => o.Id);
                    var orgs = await db.Organizations.AsNoTracking().Where(o => inScope.Contains(o.Id) || reached.Contains(o.Id)).OrderBy(o => o.Path)
                        .Select(o => new { o.Id, o.Name, o.Path }).ToListAsync(ct);
                    var rows = orgs
                        .Select(o => new
                        {
                            o.Name,
                            Depth = o.Path.Count(c => c == '/') - 2,
                            Own = direct.GetValueOrDefault(o.Id),
                            Tree = orgs.Where(x => x.Path.StartsWith(o.Path, StringComparison.Ordinal)).Sum(x => direct.GetValueOrDefault(x.Id)),
                        })
                        .Where(r => r.Tree > 0)
                        .Select(r => new object?[] { r.Name, r.Depth, r.Own, r.Tree, r.Tree })
                        .ToList();
                    var columns = new[]
                    {
                        new ReportColumn("Report.Col.Organization", ColumnType.Text), new ReportColumn("Report.Col.Level", ColumnType.Integer),
                        new ReportColumn("Report.Col.OwnMinutes", ColumnType.Integer), new ReportColumn("Report.Col.TreeMinutes", ColumnType.Integer), Hours,
                    };
                    var data = Table(columns, rows);
                    return new ReportData
                    {
                        Kind = data.Kind,
                        Columns = columns,
                        RowCount = data.RowCount,
                        Rows = data.Rows,
                        Filters = filters,
                        From = from,
                        To = to,
                        FullCpf = fullCpf,
                        Totals = [null, null, total, null, null],
                    };
                }

            case ReportKind.HoursByMunicipality:
                {
                    var byOrg = await facts.GroupBy(f => f.OrganizationId).Select(g => new { Id = g.Key, Minutes = g.Sum(x => x.CreditedMinutes) }).ToListAsync(ct);
                    var ids = byOrg.Select(x => x.Id).ToList();
                    var orgs = await db.Organizations.AsNoTracking().Where(o => ids.Contains(o.Id))
                        .Select(o => new { o.Id, o.IbgeCode, o.Kind, o.Name, o.State }).ToDictionaryAsync(o => o.Id, ct);
                    var rows = byOrg.GroupBy(x => orgs[x.Id].IbgeCode)
                        .Select(g => new
                        {
                            Ibge = g.Key,
                            Name = g.Key is null ? "—" : g.Select(x => orgs[x.Id]).OrderBy(o => o.Kind).First().Name,
                            State = g.Select(x => orgs[x.Id].State).FirstOrDefault(s => s is not null),
                            Minutes = g.Sum(x => x.Minutes),
                        })
                        .OrderBy(r => r.Ibge is null).ThenBy(r => r.Name, StringComparer.Ordinal)
                        .Select(r => new object?[] { r.Ibge ?? "—", r.Name, r.State, r.Minutes, r.Minutes })
                        .ToList();
                    return Table(
                        [new("Report.Col.Ibge", ColumnType.Text), new("Report.Col.Municipality", ColumnType.Text), new("Report.Col.State", ColumnType.Text), Minutes, Hours],
                        rows);
                }

            case ReportKind.HoursByProgramme:
            case ReportKind.HoursByCourse:
            case ReportKind.HoursByClass:
                {
                    var byOffering = await facts.GroupBy(f => f.OfferingId).Select(g => new { Id = g.Key, Minutes = g.Sum(x => x.CreditedMinutes) }).ToListAsync(ct);
                    var ids = byOffering.Select(x => x.Id).ToList();
                    var offerings = await db.Offerings.AsNoTracking().Where(o => ids.Contains(o.Id))
                        .Select(o => new
                        {
                            o.Id,
                            o.Code,
                            o.Title,
                            Programme = o.Programme != null ? o.Programme.Code + " " + o.Programme.Name : null,
                            Course = db.Classes.Where(c => c.Id == o.Id).Select(c => c.Course!.Code + " " + c.Course.Title).FirstOrDefault(),
                        })
                        .ToDictionaryAsync(o => o.Id, ct);
                    if (request.Kind == ReportKind.HoursByClass)
                    {
                        var rows = byOffering.Select(x => offerings[x.Id]).Zip(byOffering)
                            .OrderBy(x => x.First.Code, StringComparer.Ordinal)
                            .Select(x => new object?[] { x.First.Code, x.First.Title, x.First.Course ?? "—", x.First.Programme ?? "—", x.Second.Minutes, x.Second.Minutes })
                            .ToList();
                        return Table(
                            [new("Report.Col.Code", ColumnType.Text), new("Report.Col.Offering", ColumnType.Text), new("Report.Col.Course", ColumnType.Text), new("Report.Col.Programme", ColumnType.Text), Minutes, Hours],
                            rows);
                    }

                    // Webinar series are not courses: each one is its own line in the course report.
                    var groups = byOffering
                        .GroupBy(x => request.Kind == ReportKind.HoursByProgramme
                            ? offerings[x.Id].Programme ?? "—"
                            : offerings[x.Id].Course ?? offerings[x.Id].Code + " " + offerings[x.Id].Title)
                        .OrderBy(g => g.Key == "—").ThenBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => new object?[] { g.Key, g.Count(), g.Sum(x => x.Minutes), g.Sum(x => x.Minutes) })
                        .ToList();
                    return Table(
                        [new(request.Kind == ReportKind.HoursByProgramme ? "Report.Col.Programme" : "Report.Col.Course", ColumnType.Text), new("Report.Col.Offerings", ColumnType.Integer), Minutes, Hours],
                        groups);
                }

            default:
                {
                    // Grouped by local month in the database, bucketed into quarters or years here.
                    var months = await facts.GroupBy(f => f.Month)
                        .Select(g => new { g.Key, Minutes = g.Sum(x => x.CreditedMinutes) }).ToListAsync(ct);
                    Func<int, string> bucket = request.Kind switch
                    {
                        ReportKind.HoursByQuarter => m => $"{m / 100}-T{(((m % 100) - 1) / 3) + 1}",
                        ReportKind.HoursByYear => m => (m / 100).ToString(CultureInfo.InvariantCulture),
                        _ => m => string.Create(CultureInfo.InvariantCulture, $"{m / 100:D4}-{m % 100:D2}"),
                    };
                    var periods = months.GroupBy(i => bucket(i.Key))
                        .ToDictionary(g => g.Key, g => g.Sum(x => x.Minutes));
                    if (request.Kind == ReportKind.HoursByMonth)
                    {
                        // Every month of the period, including the empty ones, so the chart has no holes.
                        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
                        {
                            periods.TryAdd(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), 0);
                        }
                    }

                    var rows = periods.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new object?[] { p.Key, p.Value, p.Value }).ToList();
                    var chart = request.Kind == ReportKind.HoursByMonth ? rows.Select(r => ((string)r[0]!, Math.Round((int)r[1]! / 60.0, 2))).ToList() : null;
                    return Table([new("Report.Col.Period", ColumnType.Text), Minutes, Hours], rows, chart);
                }
        }
    }

    /// <summary>A totals line: the total minutes under every minutes or hours column that sums rows, blank elsewhere.</summary>
    internal static object?[] TotalsRow(IReadOnlyList<ReportColumn> columns, int total) =>
        columns.Select(c => c.Key is "Report.Col.Minutes" or "Report.Col.Hours" ? (object?)total : null).ToArray();
}
