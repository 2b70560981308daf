using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Attendance;

/// <summary>The open window as the instructor's screen shows it: the current code and when it rotates.</summary>
public sealed record CheckInWindowView(long Id, CheckInKind Kind, DateTime OpensAt, DateTime ClosesAt, string Code, int SecondsLeft, int CodeSeconds);

public sealed record CheckInScreen(int SessionId, string Title, string Offering, bool IsWebinar, DateTime StartsAt, DateTime EndsAt, int CreditedMinutes,
    SessionStatus Status, int Seated, int CheckedIn, int Late, int Confirmed, bool HadConfirmation, CheckInWindowView? Open, DateTime Now)
{
    /// <summary>An open event's session: the code is typed on the guest page, without an account.</summary>
    public bool OpenEvent { get; init; }
}

/// <summary>The instructor's check-in screen: the open window's current code, and how many have checked in (and confirmed).</summary>
public static class GetCheckInScreen
{
    public static async Task<CheckInScreen?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!await RosterAccess.MayRecordAsync(db, scope, sessionId, ct))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var seated = EnrolmentStatuses.Seated;
        var s = await db.Sessions.AsNoTracking().Where(x => x.Id == sessionId)
            .Select(x => new
            {
                x.Title,
                Offering = x.Offering!.Title,
                IsWebinar = x.Offering is WebinarSeries,
                x.StartsAt,
                x.EndsAt,
                x.CreditedMinutes,
                x.Status,
                x.OpenEvent,
                Seated = db.Enrolments.Count(e => e.OfferingId == x.OfferingId && seated.Contains(e.Status)),
                CheckedIn = db.AttendanceRecords.Count(a => a.SessionId == x.Id && a.CheckedInAt != null),
                Late = db.AttendanceRecords.Count(a => a.SessionId == x.Id && a.CheckedInAt != null && a.Status == AttendanceStatus.Late),
                Confirmed = db.AttendanceRecords.Count(a => a.SessionId == x.Id && a.ConfirmedAt != null),
                HadConfirmation = db.CheckInWindows.Any(w => w.SessionId == x.Id && w.Kind == CheckInKind.Confirmation),
                Open = db.CheckInWindows.Where(w => w.SessionId == x.Id && w.OpensAt <= now && w.ClosesAt > now).OrderByDescending(w => w.Id).FirstOrDefault(),
            }).SingleAsync(ct);
        var open = s.Open is { } w && s.Status == SessionStatus.Scheduled
            ? new CheckInWindowView(w.Id, w.Kind, w.OpensAt, w.ClosesAt, CheckInCode.Current(w, now), CheckInCode.SecondsLeft(w.OpensAt, w.CodeSeconds, now), w.CodeSeconds)
            : null;
        return new CheckInScreen(sessionId, s.Title, s.Offering, s.IsWebinar, s.StartsAt, s.EndsAt, s.CreditedMinutes, s.Status,
            s.Seated, s.CheckedIn, s.Late, s.Confirmed, s.HadConfirmation, open, now)
        { OpenEvent = s.OpenEvent };
    }
}
