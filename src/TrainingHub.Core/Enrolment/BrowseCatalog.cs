using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

public sealed record CatalogFilter(string? Search = null, int? ProgrammeId = null, Modality? Modality = null, int? Month = null,
    int? MaxHours = null, bool OpenSeatsOnly = false, int Page = 1, int PageSize = 20);

public sealed record CatalogRow(int Id, string Code, string Title, bool IsWebinar, string? Programme, Modality Modality, DateOnly StartsOn, DateOnly EndsOn,
    int WorkloadMinutes, int? SeatsLeft, EnrolmentStatus? MyStatus);

public sealed record CatalogModel(Page<CatalogRow> Page, IReadOnlyList<(int Id, string Name)> Programmes);

/// <summary>What a trainee may enrol in now: published, not over, and open to them; with search and filters.</summary>
public static class BrowseCatalog
{
    public static async Task<CatalogModel> HandleAsync(TrainingHubDbContext db, int personId, TimeProvider time, CatalogFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var (page, size) = Page<CatalogRow>.Clamp(f.Page, f.PageSize);
        var facts = await EligibilityCheck.FactsAsync(db, personId, ct);
        if (facts is null)
        {
            return new CatalogModel(new Page<CatalogRow>([], page, size, 0), []);
        }

        var today = SaoPaulo.Today(time);
        var q = db.Offerings.AsNoTracking().Where(o => o.Status == OfferingStatus.Published && o.EndsOn >= today).EligibleFor(db, facts);
        var programmes = await q.Where(o => o.ProgrammeId != null).Select(o => new { o.Programme!.Id, o.Programme.Name }).Distinct().OrderBy(p => p.Name).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim().ToLower();
            q = q.Where(o => o.Title.ToLower().Contains(s) || o.Code.ToLower().Contains(s) || (o is CourseClass && ((CourseClass)o).Course!.Syllabus.ToLower().Contains(s)));
        }

        if (f.ProgrammeId is { } programmeId)
        {
            q = q.Where(o => o.ProgrammeId == programmeId);
        }

        if (f.Modality is { } modality)
        {
            q = modality == Modality.Online
                ? q.Where(o => o is WebinarSeries || ((CourseClass)o).Course!.Modality == modality)
                : q.Where(o => o is CourseClass && ((CourseClass)o).Course!.Modality == modality);
        }

        if (f.Month is >= 1 and <= 12)
        {
            var year = f.Month >= today.Month ? today.Year : today.Year + 1;
            var first = new DateOnly(year, f.Month.Value, 1);
            var last = first.AddMonths(1).AddDays(-1);
            q = q.Where(o => o.StartsOn <= last && o.EndsOn >= first);
        }

        if (f.OpenSeatsOnly)
        {
            q = q.Where(o => o.Seats == null || o.ConfirmedCount < o.Seats);
        }

        var rows = q.Select(o => new
        {
            o.Id,
            o.Code,
            o.Title,
            IsWebinar = o is WebinarSeries,
            Programme = o.Programme != null ? o.Programme.Name : null,
            Modality = o is CourseClass ? ((CourseClass)o).Course!.Modality : Modality.Online,
            o.StartsOn,
            o.EndsOn,
            Workload = o is CourseClass ? ((CourseClass)o).Course!.WorkloadMinutes
                : o.Sessions.Where(s => s.Status != SessionStatus.Cancelled).Sum(s => s.CreditedMinutes),
            SeatsLeft = o.Seats == null ? (int?)null : o.Seats - o.ConfirmedCount,
            MyStatus = db.Enrolments.Where(e => e.OfferingId == o.Id && e.PersonId == personId).Select(e => (EnrolmentStatus?)e.Status).FirstOrDefault(),
        });
        if (f.MaxHours is { } maxHours)
        {
            rows = rows.Where(r => r.Workload <= maxHours * 60);
        }

        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.StartsOn).ThenBy(r => r.Title).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new CatalogModel(
            new Page<CatalogRow>(items.Select(r => new CatalogRow(r.Id, r.Code, r.Title, r.IsWebinar, r.Programme, r.Modality, r.StartsOn, r.EndsOn, r.Workload, r.SeatsLeft, r.MyStatus)).ToList(), page, size, total),
            programmes.Select(p => (p.Id, p.Name)).ToList());
    }
}
