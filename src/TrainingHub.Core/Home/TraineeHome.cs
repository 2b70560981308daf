using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Calendars;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Home;

public sealed record MyEnrolment(int OfferingId, string Title, bool IsWebinar, EnrolmentStatus Status, int? WaitlistPosition, DateOnly StartsOn, DateOnly EndsOn, int CreditedMinutes, int HeldMinutes);

public sealed record MyProgrammeTarget(int ProgrammeId, string Programme, int? TargetMinutes, int CreditedMinutes);

/// <summary>A session the person is expected at (<see cref="PersonSessions.Attending"/>).</summary>
public sealed record MySession(int SessionId, int OfferingId, string Offering, string Title, DateTime StartsAt, DateTime EndsAt, string? Place, bool Online);

public sealed record TraineeHomeModel(int Year, int CreditedMinutesThisYear, IReadOnlyList<MyProgrammeTarget> Targets, IReadOnlyList<MyEnrolment> Enrolments)
{
    /// <summary>The person's next sessions, soonest (or under way) first.</summary>
    public IReadOnlyList<MySession> NextSessions { get; init; } = [];
}

/// <summary>
/// A trainee's home: my next sessions (following my dates in series registered by date), my classes with their
/// status, and my hours this year against each programme's target.
/// </summary>
public static class TraineeHome
{
    public static async Task<TraineeHomeModel> HandleAsync(TrainingHubDbContext db, int personId, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var year = SaoPaulo.Today(time).Year;
        var (from, to) = Years.Bounds(year);
        var credited = CreditedAttendance.Query(db).Where(c => c.PersonId == personId);

        var enrolments = await db.Enrolments.AsNoTracking()
            .Where(e => e.PersonId == personId)
            .OrderByDescending(e => e.Offering!.StartsOn)
            .Select(e => new MyEnrolment(
                e.OfferingId, e.Offering!.Title, e.Offering is WebinarSeries, e.Status, e.WaitlistPosition, e.Offering.StartsOn, e.Offering.EndsOn,
                credited.Where(c => c.OfferingId == e.OfferingId).Sum(c => c.CreditedMinutes),
                db.Sessions.Where(s => s.OfferingId == e.OfferingId && s.Status == SessionStatus.Closed).Sum(s => s.CreditedMinutes)))
            .ToListAsync(ct);

        var thisYear = credited.Where(c => c.SessionStartsAt >= from && c.SessionStartsAt < to);
        var byProgramme = await (from c in thisYear
                                 join o in db.Offerings on c.OfferingId equals o.Id
                                 where o.ProgrammeId != null
                                 group c by o.ProgrammeId into g
                                 select new { ProgrammeId = g.Key!.Value, Minutes = g.Sum(x => x.CreditedMinutes) }).ToListAsync(ct);
        var programmeIds = byProgramme.Select(p => p.ProgrammeId)
            .Union(await db.ProgrammeMembers.Where(m => m.PersonId == personId).Select(m => m.ProgrammeId).ToListAsync(ct))
            .ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.TargetMinutes }).ToListAsync(ct);
        var targets = programmes
            .Select(p => new MyProgrammeTarget(p.Id, p.Name, p.TargetMinutes, byProgramme.FirstOrDefault(b => b.ProgrammeId == p.Id)?.Minutes ?? 0))
            .OrderBy(t => t.Programme, StringComparer.CurrentCulture)
            .ToList();
        var total = await thisYear.SumAsync(c => c.CreditedMinutes, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var next = await PersonSessions.Attending(db, personId).AsNoTracking()
            .Where(s => s.Status == SessionStatus.Scheduled && s.EndsAt > now && s.Offering!.Status != OfferingStatus.Cancelled)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(5)
            .Select(s => new MySession(s.Id, s.OfferingId, s.Offering!.Title, s.Title, s.StartsAt, s.EndsAt, s.Place ?? s.Offering.Place,
                s.StreamUrl != null || (s.Offering is WebinarSeries && ((WebinarSeries)s.Offering).ChannelUrl != null)))
            .ToListAsync(ct);
        return new TraineeHomeModel(year, total, targets, enrolments) { NextSessions = next };
    }
}
