using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Home;

namespace TrainingHub.Core.Attendance;

public sealed record HoursTarget(int ProgrammeId, string Programme, int? TargetMinutes, int CreditedMinutes)
{
    public int? RemainingMinutes => TargetMinutes is { } t ? Math.Max(0, t - CreditedMinutes) : null;
    public int? Percent => TargetMinutes is { } t and > 0 ? (int)Math.Min(100, CreditedMinutes * 100L / t) : null;
}

public sealed record HoursSession(int SessionId, string Title, DateTime StartsAt, SessionStatus Status, int SessionMinutes, AttendanceStatus? Attendance, int CreditedMinutes);

/// <summary>
/// One class (or webinar series) of the person: credited minutes, minutes of the held sessions, of all planned
/// sessions, and what completion requires (the course minimum of the planned minutes, and its required minutes).
/// </summary>
public sealed record HoursClass(int OfferingId, string Title, string? Programme, bool IsWebinar, EnrolmentStatus Status, string? OutcomeReason,
    int CreditedMinutes, int HeldMinutes, int PlannedMinutes, int? MinAttendancePercent, int? RequiredMinutes, IReadOnlyList<HoursSession> Sessions)
{
    public int AttendancePercent => HeldMinutes == 0 ? 0 : (int)(CreditedMinutes * 100L / HeldMinutes);

    /// <summary>Minutes needed for completion over the whole class; null for webinar series (hours only).</summary>
    public int? NeededMinutes => IsWebinar || MinAttendancePercent is not { } min
        ? null
        : Math.Max((int)Math.Ceiling(PlannedMinutes * min / 100.0), RequiredMinutes ?? 0);

    public int? StillNeededMinutes => NeededMinutes is { } n ? Math.Max(0, n - CreditedMinutes) : null;
}

public sealed record PersonHoursModel(int PersonId, string FullName, int Year, int CreditedMinutesThisYear, int CreditedMinutesAllTime,
    IReadOnlyList<HoursTarget> Targets, IReadOnlyList<HoursClass> Classes);

/// <summary>
/// The hour ledger of one person, computed from the attendance rows by <see cref="CreditedAttendance"/> (nothing
/// stored that could drift): this year against each programme's target, and per class and session. The person
/// themself, or an administrator whose scope holds the person.
/// </summary>
public static class GetPersonHours
{
    public static async Task<Result<PersonHoursModel>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var allowed = scope.PersonId == personId || (scope.IsAdministrator && await db.People.InScope(scope).AnyAsync(p => p.Id == personId, ct));
        var name = allowed ? await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => p.FullName).FirstOrDefaultAsync(ct) : null;
        if (name is null)
        {
            return Error.NotFound("PersonId", "Person.NotFound");
        }

        var year = SaoPaulo.Today(time).Year;
        var (from, to) = Years.Bounds(year);
        var credited = CreditedAttendance.Query(db).Where(c => c.PersonId == personId);
        var thisYear = credited.Where(c => c.SessionStartsAt >= from && c.SessionStartsAt < to);

        var byProgramme = await (from c in thisYear
                                 join o in db.Offerings on c.OfferingId equals o.Id
                                 where o.ProgrammeId != null
                                 group c by o.ProgrammeId into g
                                 select new { ProgrammeId = g.Key!.Value, Minutes = g.Sum(x => x.CreditedMinutes) }).ToListAsync(ct);
        var programmeIds = byProgramme.Select(p => p.ProgrammeId)
            .Union(await db.ProgrammeMembers.Where(m => m.PersonId == personId).Select(m => m.ProgrammeId).ToListAsync(ct)).ToList();
        var targets = (await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.TargetMinutes }).ToListAsync(ct))
            .Select(p => new HoursTarget(p.Id, p.Name, p.TargetMinutes, byProgramme.FirstOrDefault(b => b.ProgrammeId == p.Id)?.Minutes ?? 0))
            .OrderBy(t => t.Programme, StringComparer.CurrentCulture).ToList();

        // Classes: where the person holds (or held) a seat, or has credited attendance.
        var seated = EnrolmentStatuses.Seated;
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.PersonId == personId && seated.Contains(e.Status))
            .Select(e => new { e.OfferingId, e.Status, e.OutcomeReason }).ToListAsync(ct);
        var offeringIds = enrolments.Select(e => e.OfferingId)
            .Union(await credited.Select(c => c.OfferingId).Distinct().ToListAsync(ct)).ToList();
        var offerings = await db.Offerings.AsNoTracking().Where(o => offeringIds.Contains(o.Id))
            .Select(o => new
            {
                o.Id,
                o.Title,
                Programme = o.Programme != null ? o.Programme.Name : null,
                IsWebinar = o is WebinarSeries,
                o.StartsOn,
                MinPercent = o is CourseClass ? (int?)((CourseClass)o).Course!.MinAttendancePercent : null,
                Required = o is CourseClass ? ((CourseClass)o).Course!.RequiredMinutes : null,
            }).ToListAsync(ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => offeringIds.Contains(s.OfferingId) && s.Status != SessionStatus.Cancelled)
            .OrderBy(s => s.StartsAt)
            .Select(s => new { s.Id, s.OfferingId, s.Title, s.StartsAt, s.Status, s.CreditedMinutes }).ToListAsync(ct);
        var records = await db.AttendanceRecords.AsNoTracking().Where(a => a.PersonId == personId).Select(a => new { a.SessionId, a.Status }).ToListAsync(ct);
        var recordBySession = records.ToDictionary(r => r.SessionId, r => r.Status);
        var creditBySession = await credited.ToDictionaryAsync(c => c.SessionId, c => c.CreditedMinutes, ct);

        var classes = offerings.OrderByDescending(o => o.StartsOn).ThenBy(o => o.Title, StringComparer.CurrentCulture).Select(o =>
        {
            var mine = sessions.Where(s => s.OfferingId == o.Id)
                .Select(s => new HoursSession(s.Id, s.Title, s.StartsAt, s.Status, s.CreditedMinutes,
                    recordBySession.TryGetValue(s.Id, out var st) ? st : null, creditBySession.GetValueOrDefault(s.Id)))
                .ToList();
            var e = enrolments.FirstOrDefault(x => x.OfferingId == o.Id);
            return new HoursClass(o.Id, o.Title, o.Programme, o.IsWebinar, e?.Status ?? EnrolmentStatus.Cancelled, e?.OutcomeReason,
                mine.Sum(s => s.CreditedMinutes), mine.Where(s => s.Status == SessionStatus.Closed).Sum(s => s.SessionMinutes), mine.Sum(s => s.SessionMinutes),
                o.MinPercent, o.Required, mine);
        }).ToList();

        return Result<PersonHoursModel>.Ok(new PersonHoursModel(personId, name, year, await thisYear.SumAsync(c => c.CreditedMinutes, ct),
            creditBySession.Values.Sum(), targets, classes));
    }
}
