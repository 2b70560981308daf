using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Reports;

/// <summary>
/// A programme's yearly hour target: who met it and who missed it (participants are the people holding a seat in one
/// of its offerings, or with hours credited in it: all of them for readers whose scope holds the programme's owner,
/// those in the reader's scope otherwise), and the attainment per organisation
/// (share of its participants at target). The period is one year: the year of the filter's start.
/// </summary>
public static class TargetReport
{
    public static async Task<Result<ReportData>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var programme = request.ProgrammeId is { } pid
            ? await db.Programmes.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.Id, p.TargetMinutes }).SingleOrDefaultAsync(ct)
            : null;
        if (programme?.TargetMinutes is not { } target)
        {
            return Error.Validation("ProgrammeId", "Report.ProgrammeWithTargetRequired");
        }

        var year = request.Period(time).From.Year;
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var facts = await ReportFacts.QueryAsync(db, scope, request, from, to, ct);
        var minutes = await facts.GroupBy(f => f.PersonId).Select(g => new { PersonId = g.Key, Minutes = g.Sum(x => x.CreditedMinutes) })
            .ToDictionaryAsync(x => x.PersonId, x => x.Minutes, ct);

        var owned = await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programme.Id, ct);
        var people = owned ? db.People.AsNoTracking() : db.People.AsNoTracking().InScope(scope);
        if (request.OrganizationId is { } orgId)
        {
            var path = await db.Organizations.Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct) ?? "/none/";
            people = people.Where(p => p.Organization!.Path.StartsWith(path));
        }

        var seated = EnrolmentStatuses.Seated;
        var enrolled = db.Enrolments.Where(e => seated.Contains(e.Status) && e.Offering!.ProgrammeId == programme.Id).Select(e => e.PersonId);
        var credited = minutes.Keys.ToList();
        var participants = await people.Where(p => enrolled.Contains(p.Id) || credited.Contains(p.Id))
            .OrderBy(p => p.NameKey).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.FullName, p.Cpf, p.OrganizationId, Organization = p.Organization!.Name, p.Organization.Path })
            .ToListAsync(ct);
        var fullCpf = request.ShowsFullCpf(scope);
        var filters = await ReportFacts.DescribeAsync(db, scope, request, from, to, ct);
        var total = minutes.Values.Sum();

        if (request.Kind == ReportKind.TargetsByOrganization)
        {
            var rows = participants.GroupBy(p => p.Organization)
                .Select(g => new
                {
                    Name = g.Key,
                    Count = g.Count(),
                    Met = g.Count(p => minutes.GetValueOrDefault(p.Id) >= target),
                    Minutes = g.Sum(p => minutes.GetValueOrDefault(p.Id)),
                })
                .OrderBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => new object?[] { r.Name, r.Count, r.Met, r.Count - r.Met, Percent(r.Met, r.Count), r.Minutes, r.Minutes })
                .ToList();
            var met = participants.Count(p => minutes.GetValueOrDefault(p.Id) >= target);
            return Result<ReportData>.Ok(new ReportData
            {
                Kind = request.Kind,
                Columns =
                [
                    new("Report.Col.Organization", ColumnType.Text), new("Report.Col.Participants", ColumnType.Integer),
                    new("Report.Col.Met", ColumnType.Integer), new("Report.Col.Missed", ColumnType.Integer),
                    new("Report.Col.Attainment", ColumnType.Percent), new("Report.Col.Minutes", ColumnType.Integer), new("Report.Col.Hours", ColumnType.Hours),
                ],
                RowCount = rows.Count,
                Rows = (skip, take) => ReportData.Slice(rows, skip, take),
                Totals = [null, participants.Count, met, participants.Count - met, Percent(met, participants.Count), total, total],
                Filters = filters,
                Chart = rows.Select(r => ((string)r[0]!, (double)(decimal)r[4]!)).ToList(),
                From = from,
                To = to,
                FullCpf = fullCpf,
            });
        }

        var personRows = participants
            .Select(p => new object?[]
            {
                p.FullName, request.ShowCpf(scope, p.Cpf, p.Path), p.Organization, minutes.GetValueOrDefault(p.Id), target,
                new MessageKey(minutes.GetValueOrDefault(p.Id) >= target ? "Report.Target.Met" : "Report.Target.Missed"),
            })
            .ToList();
        return Result<ReportData>.Ok(new ReportData
        {
            Kind = request.Kind,
            Columns =
            [
                new("Col.Name", ColumnType.Text), new("Report.Col.Cpf", ColumnType.Text), new("Report.Col.Organization", ColumnType.Text),
                new("Report.Col.Hours", ColumnType.Hours), new("Report.Col.Target", ColumnType.Hours), new("Report.Col.Outcome", ColumnType.Text),
            ],
            RowCount = personRows.Count,
            Rows = (skip, take) => ReportData.Slice(personRows, skip, take),
            Totals = [null, null, null, total, null, null],
            Filters = filters,
            From = from,
            To = to,
            FullCpf = fullCpf,
        });
    }

    internal static decimal Percent(long part, long whole) => whole == 0 ? 0m : Math.Round(100m * part / whole, 1);
}
