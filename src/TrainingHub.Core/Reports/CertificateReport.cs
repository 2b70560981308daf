using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>
/// Certificates issued in the period to people in scope, and to anyone in the programmes whose owner is in scope, per programme: how many were issued and how many of those are
/// now valid, revoked or superseded (read from the certificates table as it stands).
/// </summary>
public static class CertificateReport
{
    public static async Task<ReportData> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = request.Period(time);
        var (fromUtc, toUtc) = ReportFacts.Bounds(from, to);
        var people = db.People.AsQueryable();
        if (request.OrganizationId is { } orgId)
        {
            var path = await db.Organizations.Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct) ?? "/none/";
            people = people.Where(p => p.Organization!.Path.StartsWith(path));
        }

        var q = db.Certificates.AsNoTracking().Where(c => c.IssuedAt >= fromUtc && c.IssuedAt < toUtc && people.Any(p => p.Id == c.PersonId));
        if (scope.OrganizationPath is { } scopePath)
        {
            var owned = db.Offerings.InScope(scope).Select(o => o.Id);
            q = q.Where(c => c.Person!.Organization!.Path.StartsWith(scopePath) || (c.EnrolmentId != null && owned.Contains(c.Enrolment!.OfferingId)));
        }

        if (request.ProgrammeId is { } pid)
        {
            q = q.Where(c => c.Enrolment != null && c.Enrolment.Offering!.ProgrammeId == pid);
        }

        if (request.OfferingId is { } oid)
        {
            q = q.Where(c => c.Enrolment != null && c.Enrolment.OfferingId == oid);
        }

        var counts = await q
            .GroupBy(c => new { Programme = c.Enrolment != null && c.Enrolment.Offering!.Programme != null ? c.Enrolment.Offering.Programme.Code : null, c.Kind, c.Status })
            .Select(g => new { g.Key.Programme, g.Key.Kind, g.Key.Status, Count = g.Count() })
            .ToListAsync(ct);
        var rows = counts.GroupBy(c => (c.Programme ?? "—", c.Kind))
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Kind)
            .Select(g => new object?[]
            {
                g.Key.Item1, new MessageKey("Report.Certificate." + g.Key.Kind), g.Sum(x => x.Count),
                g.Where(x => x.Status == CertificateStatus.Valid).Sum(x => x.Count),
                g.Where(x => x.Status == CertificateStatus.Revoked).Sum(x => x.Count),
                g.Where(x => x.Status == CertificateStatus.Superseded).Sum(x => x.Count),
            })
            .ToList();
        return new ReportData
        {
            Kind = request.Kind,
            Columns =
            [
                new("Report.Col.Programme", ColumnType.Text), new("Report.Col.CertificateKind", ColumnType.Text), new("Report.Col.Issued", ColumnType.Integer),
                new("Report.Col.Valid", ColumnType.Integer), new("Report.Col.Revoked", ColumnType.Integer), new("Report.Col.Superseded", ColumnType.Integer),
            ],
            RowCount = rows.Count,
            Rows = (skip, take) => ReportData.Slice(rows, skip, take),
            Totals =
            [
                null, null, counts.Sum(x => x.Count), counts.Where(x => x.Status == CertificateStatus.Valid).Sum(x => x.Count),
                counts.Where(x => x.Status == CertificateStatus.Revoked).Sum(x => x.Count), counts.Where(x => x.Status == CertificateStatus.Superseded).Sum(x => x.Count),
            ],
            Filters = await ReportFacts.DescribeAsync(db, scope, request, from, to, ct),
            From = from,
            To = to,
        };
    }
}
