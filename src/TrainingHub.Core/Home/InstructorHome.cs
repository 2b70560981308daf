using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Calendars;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Home;

public sealed record InstructorSession(int SessionId, string Offering, string Title, DateTime StartsAt, DateTime EndsAt, string? Place, string? StreamUrl, SessionStatus Status, int Enrolled, int Recorded);

public sealed record InstructorHomeModel(IReadOnlyList<InstructorSession> Upcoming, IReadOnlyList<InstructorSession> Recent);

/// <summary>An instructor's home: the next sessions they facilitate and the latest ones, with roster and attendance counts.</summary>
public static class InstructorHome
{
    public static async Task<InstructorHomeModel> HandleAsync(TrainingHubDbContext db, int personId, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var mine = PersonSessions.Teaching(db, personId).AsNoTracking().Where(s => s.Status != SessionStatus.Cancelled);
        var seated = EnrolmentStatuses.Seated;

        IQueryable<InstructorSession> Project(IQueryable<Session> q) => q.Select(s => new InstructorSession(
            s.Id, s.Offering!.Title, s.Title, s.StartsAt, s.EndsAt, s.Place, s.StreamUrl, s.Status,
            // In a series registered by date: those registered for this date.
            db.Enrolments.Count(e => e.OfferingId == s.OfferingId && seated.Contains(e.Status)
                && (!(s.Offering is WebinarSeries && ((WebinarSeries)s.Offering).RegistrationByDate)
                    || db.SessionRegistrations.Any(r => r.SessionId == s.Id && r.PersonId == e.PersonId && r.Status == SessionRegistrationStatus.Confirmed))),
            db.AttendanceRecords.Count(a => a.SessionId == s.Id)));

        var upcoming = await Project(mine.Where(s => s.EndsAt >= now).OrderBy(s => s.StartsAt).Take(10)).ToListAsync(ct);
        var recent = await Project(mine.Where(s => s.EndsAt < now).OrderByDescending(s => s.StartsAt).Take(10)).ToListAsync(ct);
        return new InstructorHomeModel(upcoming, recent);
    }
}
