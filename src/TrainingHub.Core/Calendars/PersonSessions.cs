using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Calendars;

/// <summary>One session of a person's calendar: one they are expected at, or one they teach (or both).</summary>
public sealed record CalendarEntry(int SessionId, int OfferingId, string Offering, string Title, DateTime StartsAt, DateTime EndsAt,
    string? Place, string? StreamUrl, SessionStatus Status, int Sequence, bool Teaching)
{
    public bool Cancelled => Status == SessionStatus.Cancelled;
}

/// <summary>
/// Which sessions belong to a person, written once for the home, the month calendar and the iCalendar feed. Expected at:
/// a session of a class or series (not a draft) where they hold a seat, and in a series registered by date only the
/// dates they hold a confirmed place on. Teaching: the sessions of the classes and series they facilitate.
/// </summary>
public static class PersonSessions
{
    public static IQueryable<Session> Attending(TrainingHubDbContext db, int personId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seated = EnrolmentStatuses.Seated;
        return db.Sessions.Where(s => s.Offering!.Status != OfferingStatus.Draft
            && db.Enrolments.Any(e => e.OfferingId == s.OfferingId && e.PersonId == personId && seated.Contains(e.Status))
            && (!(s.Offering is WebinarSeries && ((WebinarSeries)s.Offering).RegistrationByDate)
                || db.SessionRegistrations.Any(r => r.SessionId == s.Id && r.PersonId == personId && r.Status == SessionRegistrationStatus.Confirmed)));
    }

    public static IQueryable<Session> Teaching(TrainingHubDbContext db, int personId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Sessions.Where(s => db.OfferingInstructors.Any(i => i.OfferingId == s.OfferingId && i.PersonId == personId));
    }

    /// <summary>
    /// The person's sessions that overlap [from, to) (UTC), cancelled ones included, in order of start: one query.
    /// </summary>
    public static Task<List<CalendarEntry>> ListAsync(TrainingHubDbContext db, int personId, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var attending = Attending(db, personId).Select(s => s.Id);
        var teaching = Teaching(db, personId).Select(s => s.Id);
        return db.Sessions.AsNoTracking()
            .Where(s => s.StartsAt < toUtc && s.EndsAt > fromUtc && (attending.Contains(s.Id) || teaching.Contains(s.Id)))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Select(s => new CalendarEntry(s.Id, s.OfferingId, s.Offering!.Title, s.Title, s.StartsAt, s.EndsAt,
                s.Place ?? s.Offering.Place,
                s.StreamUrl ?? (s.Offering is WebinarSeries ? ((WebinarSeries)s.Offering).ChannelUrl : null),
                s.Status, s.Sequence, teaching.Contains(s.Id)))
            .ToListAsync(ct);
    }
}
