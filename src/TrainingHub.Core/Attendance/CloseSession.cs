using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

public sealed record CloseSessionOutcome(DateTime ClosedAt, bool AlreadyClosed, int EnrolmentsEvaluated);

/// <summary>
/// Closes a held session (from half an hour before it ends, <see cref="AttendanceTiming"/>): from now on attendance changes need a reason. When it is the last open session of a class,
/// every seated enrolment is evaluated for completion. Closing twice changes nothing.
/// </summary>
public static class CloseSession
{
    public static async Task<Result<CloseSessionOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!await RosterAccess.MayRecordAsync(db, scope, sessionId, ct))
        {
            return Error.NotFound("SessionId", "Attendance.SessionNotFound");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var endsAt = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.EndsAt).SingleAsync(ct);
        if (!AttendanceTiming.MayClose(endsAt, now))
        {
            return Error.TooEarly("SessionId", "Attendance.TooEarlyToClose", SaoPaulo.FormatDateTime(endsAt.AddMinutes(-AttendanceTiming.CloseBeforeEndMinutes)));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Conditional update: of two concurrent closes only one does the work.
        var updated = await db.Sessions.Where(s => s.Id == sessionId && s.Status == SessionStatus.Scheduled)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SessionStatus.Closed).SetProperty(s => s.ClosedAt, now), ct);
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.OfferingId, s.Status, s.ClosedAt }).SingleAsync(ct);
        if (session.Status == SessionStatus.Cancelled)
        {
            return Error.Conflict("SessionId", "Attendance.SessionCancelled");
        }

        var evaluated = 0;
        if (updated > 0)
        {
            evaluated = await EvaluateCompletion.HandleAsync(db, time, session.OfferingId, ct);
            await EvaluateAtRisk.HandleAsync(db, time, session.OfferingId, ct);
        }

        await tx.CommitAsync(ct);
        return Result<CloseSessionOutcome>.Ok(new CloseSessionOutcome(session.ClosedAt ?? now, updated == 0, evaluated));
    }
}
