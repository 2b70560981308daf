using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>One credited attendance row with what reports group by. Minutes come from <see cref="CreditedAttendance"/>, never re-derived.</summary>
public sealed class ReportFact
{
    public int PersonId { get; init; }
    public int OrganizationId { get; init; }
    public int OfferingId { get; init; }
    public int? ProgrammeId { get; init; }
    public DateTime SessionStartsAt { get; init; }
    public int SessionMinutes { get; init; }
    public int CreditedMinutes { get; init; }
    public string PersonName { get; init; } = "";
    public string PersonNameKey { get; init; } = "";
    public string PersonCpf { get; init; } = "";
    public string PersonOrganizationPath { get; init; } = "";
    public string OrganizationName { get; init; } = "";
    public string? ProgrammeCode { get; init; }
    public string OfferingCode { get; init; } = "";
}

/// <summary>Credited minutes of one person in one offering in one local month (yyyyMM), with what hours reports group by.</summary>
public sealed class HoursFact
{
    public int PersonId { get; init; }
    public int OrganizationId { get; init; }
    public int OfferingId { get; init; }
    public int? ProgrammeId { get; init; }
    public int Month { get; init; }
    public int CreditedMinutes { get; init; }
    public string PersonOrganizationPath { get; init; } = "";
}

/// <summary>
/// The credited attendance rows a report covers: those of people in the reader's scope and, in the programmes whose
/// owner is in the reader's scope, those of every participant (<see cref="Enrolment.ParticipantScope"/>); the period
/// and the filters.
/// </summary>
public static class ReportFacts
{
    public static async Task<IQueryable<ReportFact>> QueryAsync(TrainingHubDbContext db, ReaderScope scope, ReportRequest request, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        var (fromUtc, toUtc) = Bounds(from, to);
        var people = await PeopleAsync(db, request, ct);

        var q = from c in CreditedAttendance.Query(db)
                join p in people on c.PersonId equals p.Id
                join o in db.Offerings on c.OfferingId equals o.Id
                where c.SessionStartsAt >= fromUtc && c.SessionStartsAt < toUtc
                select new ReportFact
                {
                    PersonId = c.PersonId,
                    OrganizationId = p.OrganizationId,
                    OfferingId = c.OfferingId,
                    ProgrammeId = o.ProgrammeId,
                    SessionStartsAt = c.SessionStartsAt,
                    SessionMinutes = c.SessionMinutes,
                    CreditedMinutes = c.CreditedMinutes,
                    PersonName = p.FullName,
                    PersonNameKey = p.NameKey,
                    PersonCpf = p.Cpf,
                    PersonOrganizationPath = p.Organization!.Path,
                    OrganizationName = p.Organization!.Name,
                    ProgrammeCode = o.Programme != null ? o.Programme.Code : null,
                    OfferingCode = o.Code,
                };
        if (scope.OrganizationPath is { } scopePath)
        {
            var owned = db.Offerings.InScope(scope).Select(o => o.Id);
            q = q.Where(f => f.PersonOrganizationPath.StartsWith(scopePath) || owned.Contains(f.OfferingId));
        }

        if (request.ProgrammeId is { } programmeId)
        {
            q = q.Where(f => f.ProgrammeId == programmeId);
        }

        if (request.OfferingId is { } offeringId)
        {
            q = q.Where(f => f.OfferingId == offeringId);
        }

        return q;
    }

    /// <summary>
    /// The same rows as <see cref="QueryAsync"/>, summed per person, offering and local month: from the maintained
    /// <see cref="CreditedMonth"/> rows for whole months, so hours reports never read every attendance row.
    /// </summary>
    public static async Task<IQueryable<HoursFact>> HoursAsync(TrainingHubDbContext db, ReaderScope scope, ReportRequest request, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        var people = await PeopleAsync(db, request, ct);

        var months = CreditedMonths.Between(db, from, to);
        var q = from c in months
                join p in people on c.PersonId equals p.Id
                join o in db.Offerings on c.OfferingId equals o.Id
                select new HoursFact
                {
                    PersonId = c.PersonId,
                    OrganizationId = p.OrganizationId,
                    OfferingId = c.OfferingId,
                    ProgrammeId = o.ProgrammeId,
                    Month = c.Month,
                    CreditedMinutes = c.Minutes,
                    PersonOrganizationPath = p.Organization!.Path,
                };
        if (scope.OrganizationPath is { } scopePath)
        {
            var owned = db.Offerings.InScope(scope).Select(o => o.Id);
            q = q.Where(f => f.PersonOrganizationPath.StartsWith(scopePath) || owned.Contains(f.OfferingId));
        }

        if (request.ProgrammeId is { } programmeId)
        {
            q = q.Where(f => f.ProgrammeId == programmeId);
        }

        if (request.OfferingId is { } offeringId)
        {
            q = q.Where(f => f.OfferingId == offeringId);
        }

        return q;
    }

    /// <summary>Everyone, or the people of the requested organisation and those under it.</summary>
    private static async Task<IQueryable<People.Person>> PeopleAsync(TrainingHubDbContext db, ReportRequest request, CancellationToken ct)
    {
        if (request.OrganizationId is not { } orgId)
        {
            return db.People;
        }

        var path = await db.Organizations.Where(o => o.Id == orgId).Select(o => o.Path).SingleOrDefaultAsync(ct) ?? "/none/";
        return db.People.Where(p => p.Organization!.Path.StartsWith(path));
    }

    /// <summary>UTC instants bounding local dates <paramref name="from"/> to <paramref name="to"/>, both inclusive.</summary>
    public static (DateTime From, DateTime To) Bounds(DateOnly from, DateOnly to) =>
        (SaoPaulo.ToUtc(from.ToDateTime(TimeOnly.MinValue)), SaoPaulo.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));

    /// <summary>The filters in words, for covers and summaries.</summary>
    public static async Task<IReadOnlyList<(string Key, string Value)>> DescribeAsync(TrainingHubDbContext db, ReaderScope scope, ReportRequest request, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        var list = new List<(string, string)> { ("Report.Filter.Period", $"{SaoPaulo.FormatDate(from)} – {SaoPaulo.FormatDate(to)}") };
        var scopeName = scope.OrganizationId is { } sid
            ? await db.Organizations.Where(o => o.Id == sid).Select(o => o.Name).SingleOrDefaultAsync(ct)
            : null;
        list.Add(("Report.Filter.Scope", scopeName ?? "Report.Filter.ScopeAll"));
        if (request.ProgrammeId is { } p)
        {
            list.Add(("Report.Filter.Programme", await db.Programmes.Where(x => x.Id == p).Select(x => x.Code + " " + x.Name).SingleOrDefaultAsync(ct) ?? "?"));
        }

        if (request.OrganizationId is { } o)
        {
            list.Add(("Report.Filter.Organization", await db.Organizations.Where(x => x.Id == o).Select(x => x.Name).SingleOrDefaultAsync(ct) ?? "?"));
        }

        if (request.OfferingId is { } c)
        {
            list.Add(("Report.Filter.Offering", await db.Offerings.Where(x => x.Id == c).Select(x => x.Code + " " + x.Title).SingleOrDefaultAsync(ct) ?? "?"));
        }

        list.Add(("Report.Filter.Cpf", request.ShowsFullCpf(scope) ? "Report.Cpf.Full" : "Report.Cpf.Masked"));
        return list;
    }
}
