using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

/// <summary>
/// Seats and waitlists of single dates in a series registered by date. Callers hold a transaction and the series'
/// row lock (<see cref="Seats.LockAsync"/>), so decisions for one series happen one at a time; the counter is guarded
/// by a conditional increment and by the database's check that it never exceeds the session's seats.
/// </summary>
public static class SessionRegistrations
{
    /// <summary>Whether the person is expected at the session: a series registered by date asks for a confirmed date, any other offering for the seat alone.</summary>
    public static IQueryable<int> ExpectedPeople(TrainingHubDbContext db, int sessionId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.SessionRegistrations.Where(r => r.SessionId == sessionId && r.Status == SessionRegistrationStatus.Confirmed).Select(r => r.PersonId);
    }

    internal static async Task<bool> TryTakeAsync(TrainingHubDbContext db, int sessionId, CancellationToken ct) =>
        await db.Sessions.Where(s => s.Id == sessionId && (s.Seats == null || s.RegisteredCount < s.Seats))
            .ExecuteUpdateAsync(x => x.SetProperty(s => s.RegisteredCount, s => s.RegisteredCount + 1), ct) == 1;

    private static Task ReleaseAsync(TrainingHubDbContext db, int sessionId, CancellationToken ct) =>
        db.Sessions.Where(s => s.Id == sessionId && s.RegisteredCount > 0)
            .ExecuteUpdateAsync(x => x.SetProperty(s => s.RegisteredCount, s => s.RegisteredCount - 1), ct);

    /// <summary>Adds the person to the date: a seat if one is free, otherwise the session's waitlist.</summary>
    internal static async Task<SessionRegistration> AddAsync(TrainingHubDbContext db, Enrolment enrolment, int sessionId, DateTime now, CancellationToken ct)
    {
        var row = new SessionRegistration { SessionId = sessionId, EnrolmentId = enrolment.Id, PersonId = enrolment.PersonId, RegisteredAt = now };
        if (await TryTakeAsync(db, sessionId, ct))
        {
            row.Status = SessionRegistrationStatus.Confirmed;
        }
        else
        {
            row.Status = SessionRegistrationStatus.Waitlisted;
            row.WaitlistPosition = (await db.SessionRegistrations.Where(r => r.SessionId == sessionId && r.WaitlistPosition != null).MaxAsync(r => r.WaitlistPosition, ct) ?? 0) + 1;
        }

        db.SessionRegistrations.Add(row);
        return row;
    }

    /// <summary>Removes the person from the date (tracked row, saved by the caller); a freed seat goes to the first on the date's waitlist.</summary>
    internal static async Task RemoveAsync(TrainingHubDbContext db, SessionRegistration row, CancellationToken ct)
    {
        db.SessionRegistrations.Remove(row);
        if (row.Status != SessionRegistrationStatus.Confirmed)
        {
            return;
        }

        await ReleaseAsync(db, row.SessionId, ct);
        var next = await db.SessionRegistrations.Where(r => r.SessionId == row.SessionId && r.Status == SessionRegistrationStatus.Waitlisted && r.Id != row.Id)
            .OrderBy(r => r.WaitlistPosition).FirstOrDefaultAsync(ct);
        if (next is not null && await TryTakeAsync(db, row.SessionId, ct))
        {
            next.Status = SessionRegistrationStatus.Confirmed;
            next.WaitlistPosition = null;
        }
    }

    /// <summary>Drops every date of an enrolment still to come (the enrolment was cancelled); held dates stay as history.</summary>
    public static async Task RemoveUpcomingAsync(TrainingHubDbContext db, int enrolmentId, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.SessionRegistrations.Where(r => r.EnrolmentId == enrolmentId && r.Session!.StartsAt > now).ToListAsync(ct);
        foreach (var row in rows)
        {
            await RemoveAsync(db, row, ct);
        }
    }

    /// <summary>
    /// Registers those who chose the whole series of a series registered by date for dates added to it later (saved
    /// sessions, ids given): a seat on each where one is free, otherwise its waitlist. People who chose single dates
    /// keep their choice. The caller holds a transaction; this takes the series' lock and saves.
    /// </summary>
    public static async Task AddToWholeSeriesAsync(TrainingHubDbContext db, int offeringId, IReadOnlyCollection<int> sessionIds, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sessionIds);
        if (sessionIds.Count == 0 || !await db.WebinarSeries.AnyAsync(s => s.Id == offeringId && s.RegistrationByDate, ct))
        {
            return;
        }

        await Seats.LockAsync(db, offeringId, ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == offeringId && sessionIds.Contains(s.Id)).OrderBy(s => s.StartsAt).ToListAsync(ct);
        var enrolments = await db.Enrolments.Where(e => e.OfferingId == offeringId && !e.ChosenSessions && EnrolmentStatuses.Upcoming.Contains(e.Status)).OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var s in sessions.Where(s => Open(s, now)))
        {
            var held = (await db.SessionRegistrations.Where(r => r.SessionId == s.Id).Select(r => r.EnrolmentId).ToListAsync(ct)).ToHashSet();
            foreach (var e in enrolments.Where(e => !held.Contains(e.Id)))
            {
                await AddAsync(db, e, s.Id, now, ct);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The dates that may still be chosen or dropped: scheduled and not yet started.</summary>
    internal static bool Open(Session s, DateTime now) => s.Status == SessionStatus.Scheduled && s.StartsAt > now;
}
