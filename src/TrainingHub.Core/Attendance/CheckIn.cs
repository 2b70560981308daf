using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Attendance;

/// <param name="SessionId">The session, when known (the QR link and the API name it); without it, the code is tried against every open window of the person's classes.</param>
public sealed record CheckInRequest(string? Code, int? SessionId);

public sealed record CheckInOutcome(int SessionId, string Session, string Offering, CheckInKind Kind, AttendanceStatus Status, int? Minutes, DateTime At, bool AlreadyCheckedIn);

/// <summary>
/// A signed-in trainee with a seat in the session's offering checks in with the code shown in the room (current or
/// previous code of an open window). The check-in lives on the person's attendance row for the session (unique in the
/// database), so hours, roster and completion see it at once; a repeat answers "already checked in" and changes
/// nothing. Arrival after the grace period is Late. With the confirmation code: both codes → Present/Late in full;
/// one of the two → Partial with half the session's minutes. An instructor's roster entry is not overridden, except
/// Absent. Wrong codes are counted in the database (shared by every app instance): too many in a few minutes and the
/// person must wait.
/// </summary>
public static class CheckIn
{
    public static async Task<Result<CheckInOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CheckInOptions options,
        CheckInRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(r);
        if (scope.PersonId is not { } personId)
        {
            return Error.NotFound(nameof(r.Code), "CheckIn.NoPerson");
        }

        var code = CheckInCode.Normalize(r.Code);
        if (code.Length == 0)
        {
            return Error.Validation(nameof(r.Code), "CheckIn.CodeRequired");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddMinutes(-options.WrongCodeWindowMinutes);
        var seated = EnrolmentStatuses.Seated;
        // One query: the open windows (of this session, or of the person's classes), whether the person holds a seat,
        // their row for the session and their recent wrong codes.
        var windows = db.CheckInWindows.AsNoTracking().Where(w => w.OpensAt <= now && w.ClosesAt > now && w.Session!.Status == SessionStatus.Scheduled);
        windows = r.SessionId is { } sid
            ? windows.Where(w => w.SessionId == sid)
            : windows.Where(w => db.Enrolments.Any(e => e.OfferingId == w.Session!.OfferingId && e.PersonId == personId && seated.Contains(e.Status)));
        var open = await windows.OrderByDescending(w => w.Id)
            .Select(w => new
            {
                w.SessionId,
                w.Kind,
                w.Secret,
                w.OpensAt,
                w.CodeSeconds,
                Session = w.Session!.Title,
                Offering = w.Session.Offering!.Title,
                w.Session.StartsAt,
                w.Session.CreditedMinutes,
                Seated = db.Enrolments.Any(e => e.OfferingId == w.Session.OfferingId && e.PersonId == personId && seated.Contains(e.Status)),
                Record = db.AttendanceRecords.Where(a => a.SessionId == w.SessionId && a.PersonId == personId)
                    .Select(a => new { a.Status, a.Minutes, a.CheckedInAt, a.ConfirmedAt }).FirstOrDefault(),
                Failures = db.CheckInFailures.Count(f => f.PersonId == personId && f.At > since),
            })
            .Take(20).ToListAsync(ct);

        if (open.Count == 0)
        {
            if (r.SessionId is not { } session)
            {
                return Error.Conflict(nameof(r.Code), "CheckIn.NoneOpen");
            }

            var state = await db.Sessions.AsNoTracking().Where(s => s.Id == session).Select(s => new
            {
                HoldsSeat = db.Enrolments.Any(e => e.OfferingId == s.OfferingId && e.PersonId == personId && seated.Contains(e.Status)),
                Opened = db.CheckInWindows.Any(w => w.SessionId == s.Id && w.OpensAt <= now),
                s.EndsAt,
            }).FirstOrDefaultAsync(ct);
            return state is not { HoldsSeat: true } ? Error.Validation(nameof(r.Code), "CheckIn.NotEnrolled")
                : !state.Opened && state.EndsAt > now ? Error.TooEarly(nameof(r.Code), "CheckIn.NotOpenYet")
                : Error.Conflict(nameof(r.Code), "CheckIn.NotOpen");
        }

        var candidates = open.Where(w => w.Seated).ToList();
        if (candidates.Count == 0)
        {
            return Error.Validation(nameof(r.Code), "CheckIn.NotEnrolled");
        }

        var failures = open[0].Failures;
        if (failures >= options.MaxWrongCodes)
        {
            return Error.RateLimited(TimeSpan.FromMinutes(options.WrongCodeWindowMinutes), nameof(r.Code), "CheckIn.TooManyAttempts", options.WrongCodeWindowMinutes);
        }

        var w = candidates.FirstOrDefault(c => CheckInCode.Matches(c.Secret, c.OpensAt, c.CodeSeconds, now, code));
        if (w is null && candidates.Any(c => CheckInCode.MatchedEarlier(c.Secret, c.OpensAt, c.CodeSeconds, now, code)))
        {
            // A code that was right a while ago (a QR link scanned before signing in): ask for today's, count nothing.
            return Error.Validation(nameof(r.Code), "CheckIn.CodeRotated");
        }

        if (w is null)
        {
            db.CheckInFailures.Add(new CheckInFailure { PersonId = personId, SessionId = r.SessionId ?? (candidates.Count == 1 ? candidates[0].SessionId : null), At = now });
            await db.SaveChangesAsync(ct);
            return failures + 1 >= options.MaxWrongCodes
                ? Error.RateLimited(TimeSpan.FromMinutes(options.WrongCodeWindowMinutes), nameof(r.Code), "CheckIn.TooManyAttempts", options.WrongCodeWindowMinutes)
                : Error.Validation(nameof(r.Code), "CheckIn.WrongCode", options.MaxWrongCodes - failures - 1);
        }

        var rec = w.Record;
        if (rec is not null && (w.Kind == CheckInKind.Arrival ? rec.CheckedInAt : rec.ConfirmedAt) is { } at)
        {
            return Result<CheckInOutcome>.Ok(new CheckInOutcome(w.SessionId, w.Session, w.Offering, w.Kind, rec.Status, rec.Minutes, at, AlreadyCheckedIn: true));
        }

        var arrival = w.StartsAt.AddMinutes(options.GraceMinutes);
        var half = CheckInCode.HalfCredit(w.CreditedMinutes);
        AttendanceRecord row;
        if (rec is null)
        {
            row = new AttendanceRecord
            {
                SessionId = w.SessionId,
                PersonId = personId,
                Status = w.Kind == CheckInKind.Arrival ? (now > arrival ? AttendanceStatus.Late : AttendanceStatus.Present) : AttendanceStatus.Partial,
                Minutes = w.Kind == CheckInKind.Arrival ? null : half,
                Source = AttendanceSource.CheckIn,
                RecordedByUserId = scope.UserId,
                RecordedAt = now,
                CheckedInAt = w.Kind == CheckInKind.Arrival ? now : null,
                ConfirmedAt = w.Kind == CheckInKind.Confirmation ? now : null,
            };
            db.AttendanceRecords.Add(row);
        }
        else
        {
            row = await db.AttendanceRecords.SingleAsync(a => a.SessionId == w.SessionId && a.PersonId == personId, ct);
            Apply(row, w.Kind, now, arrival, half);
            row.RecordedByUserId = scope.UserId;
            row.RecordedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person checking in twice at once: the unique index let one through; this one is the repeat.
            db.ChangeTracker.Clear();
            var stored = await db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == w.SessionId && a.PersonId == personId)
                .Select(a => new { a.Status, a.Minutes, a.CheckedInAt, a.ConfirmedAt }).FirstOrDefaultAsync(ct);
            if (stored is not null && (w.Kind == CheckInKind.Arrival ? stored.CheckedInAt : stored.ConfirmedAt) is { } first)
            {
                return Result<CheckInOutcome>.Ok(new CheckInOutcome(w.SessionId, w.Session, w.Offering, w.Kind, stored.Status, stored.Minutes, first, AlreadyCheckedIn: true));
            }

            throw;
        }

        return Result<CheckInOutcome>.Ok(new CheckInOutcome(w.SessionId, w.Session, w.Offering, w.Kind, row.Status, row.Minutes, now, AlreadyCheckedIn: false));
    }

    /// <summary>A check-in on a row that exists already (recorded on the roster, or the other code).</summary>
    internal static void Apply(AttendanceRecord row, CheckInKind kind, DateTime now, DateTime arrival, int half)
    {
        var fromCheckIn = row.Source == AttendanceSource.CheckIn;
        if (kind == CheckInKind.Arrival)
        {
            row.CheckedInAt = now;
            if (row.Status == AttendanceStatus.Absent || (fromCheckIn && row.ConfirmedAt is not null))
            {
                // Absent becomes a check-in; a confirmation-only row with the arrival code now has both codes: full credit.
                row.Status = now > arrival ? AttendanceStatus.Late : AttendanceStatus.Present;
                row.Minutes = null;
                row.Source = AttendanceSource.CheckIn;
            }

            return;
        }

        row.ConfirmedAt = now;
        if (fromCheckIn && row.CheckedInAt is { } checkedIn)
        {
            row.Status = checkedIn > arrival ? AttendanceStatus.Late : AttendanceStatus.Present;
            row.Minutes = null;
        }
        else if (row.Status == AttendanceStatus.Absent)
        {
            row.Status = AttendanceStatus.Partial;
            row.Minutes = half;
            row.Source = AttendanceSource.CheckIn;
        }
    }
}
