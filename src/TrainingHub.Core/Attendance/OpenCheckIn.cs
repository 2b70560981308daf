using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance.Messages;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Attendance;

/// <param name="CheckInUrl">The absolute address of the check-in page for this session, for the webinar notification.</param>
public sealed record OpenCheckInRequest(int SessionId, CheckInKind Kind, int? Minutes, string? CheckInUrl);

public sealed record OpenCheckInOutcome(long WindowId, CheckInKind Kind, DateTime OpensAt, DateTime ClosesAt, int Downgraded, int Notified);

/// <summary>
/// Opens a live check-in window for a session, starting now (an instructor of the offering or an administrator in
/// scope). A window still open for the session closes. Opening the confirmation window applies the two-code rule at
/// once: whoever checked in on arrival and has not confirmed (yet) holds half the session's minutes, as Partial, until
/// they confirm. For a webinar series, every seated person is told by email (once per window and person).
/// </summary>
public static class OpenCheckIn
{
    public static async Task<Result<OpenCheckInOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CheckInOptions options,
        OpenCheckInRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(r);
        if (!await RosterAccess.MayRecordAsync(db, scope, r.SessionId, ct))
        {
            return Error.NotFound(nameof(r.SessionId), "Attendance.SessionNotFound");
        }

        var s = await db.Sessions.AsNoTracking().Where(x => x.Id == r.SessionId)
            .Select(x => new
            {
                x.Title,
                x.Status,
                x.StartsAt,
                x.EndsAt,
                x.CreditedMinutes,
                x.OfferingId,
                IsWebinar = x.Offering is WebinarSeries,
                ByDate = x.Offering is WebinarSeries && ((WebinarSeries)x.Offering).RegistrationByDate,
                Offering = x.Offering!.Title,
                OfferingCode = x.Offering.Code,
            }).SingleAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var minutes = r.Minutes ?? options.WindowMinutes;
        var error = s.Status switch
        {
            SessionStatus.Cancelled => Error.Conflict(nameof(r.SessionId), "Attendance.SessionCancelled"),
            SessionStatus.Closed => Error.Conflict(nameof(r.SessionId), "CheckIn.SessionClosed"),
            _ when !Enum.IsDefined(r.Kind) => Error.Validation(nameof(r.Kind), "CheckIn.KindInvalid"),
            _ when minutes < 1 || minutes > options.MaxWindowMinutes => Error.Validation(nameof(r.Minutes), "CheckIn.MinutesRange", 1, options.MaxWindowMinutes),
            _ when now < s.StartsAt.AddMinutes(-options.OpenBeforeMinutes) => Error.TooEarly(nameof(r.SessionId), "CheckIn.TooEarly",
                SaoPaulo.FormatDateTime(s.StartsAt.AddMinutes(-options.OpenBeforeMinutes)), options.OpenBeforeMinutes),
            _ when now > s.EndsAt => Error.Conflict(nameof(r.SessionId), "CheckIn.SessionOver"),
            _ => null,
        };
        if (error is not null)
        {
            return error;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var open in await db.CheckInWindows.Where(w => w.SessionId == r.SessionId && w.ClosesAt > now).ToListAsync(ct))
        {
            open.ClosesAt = open.OpensAt > now ? open.OpensAt : now;
            open.ClosedByUserId = scope.UserId;
        }

        var window = new CheckInWindow
        {
            SessionId = r.SessionId,
            Kind = r.Kind,
            Secret = RandomNumberGenerator.GetBytes(32),
            CodeSeconds = Math.Max(5, options.CodeSeconds),
            OpensAt = now,
            ClosesAt = now.AddMinutes(minutes),
            OpenedByUserId = scope.UserId,
        };
        db.CheckInWindows.Add(window);

        var downgraded = 0;
        if (r.Kind == CheckInKind.Confirmation)
        {
            var half = CheckInCode.HalfCredit(s.CreditedMinutes);
            var arrivedOnly = await db.AttendanceRecords
                .Where(a => a.SessionId == r.SessionId && a.Source == AttendanceSource.CheckIn && a.CheckedInAt != null && a.ConfirmedAt == null
                    && (a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late))
                .ToListAsync(ct);
            foreach (var a in arrivedOnly)
            {
                a.Status = AttendanceStatus.Partial;
                a.Minutes = half;
                a.RecordedAt = now;
                a.RecordedByUserId = scope.UserId;
            }

            downgraded = arrivedOnly.Count;
        }

        await db.SaveChangesAsync(ct);

        var notified = 0;
        if (s.IsWebinar)
        {
            // In a series registered by date, only those registered for this date are told (as with reminders).
            var seated = EnrolmentStatuses.Seated;
            var expected = SessionRegistrations.ExpectedPeople(db, r.SessionId);
            var people = await db.Enrolments.AsNoTracking().Where(e => e.OfferingId == s.OfferingId && seated.Contains(e.Status))
                .Where(e => !s.ByDate || expected.Contains(e.PersonId))
                .Select(e => new { e.PersonId, e.Person!.FullName, e.Person.Email, e.Person.PreferredLanguage }).ToListAsync(ct);
            foreach (var p in people)
            {
                var message = new CheckInOpen(p.FullName, s.Offering, s.OfferingCode, s.Title, s.StartsAt, s.EndsAt, window.ClosesAt, r.Kind, r.CheckInUrl);
                Outbox.Add(db, p.PersonId, p.Email, p.PreferredLanguage,
                    string.Create(CultureInfo.InvariantCulture, $"{nameof(CheckInOpen)}:{window.Id}:{p.PersonId}"), message, now);
            }

            notified = people.Count;
            await db.SaveChangesAsync(ct);
        }

        await tx.CommitAsync(ct);
        return Result<OpenCheckInOutcome>.Ok(new OpenCheckInOutcome(window.Id, window.Kind, window.OpensAt, window.ClosesAt, downgraded, notified));
    }
}
