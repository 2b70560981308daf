using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

public sealed record CloseCheckInOutcome(int Closed);

/// <summary>Closes a session's open check-in window early (its codes stop working at once). Closing when none is open changes nothing.</summary>
public static class CloseCheckIn
{
    public static async Task<Result<CloseCheckInOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!await RosterAccess.MayRecordAsync(db, scope, sessionId, ct))
        {
            return Error.NotFound("SessionId", "Attendance.SessionNotFound");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var open = await db.CheckInWindows.Where(w => w.SessionId == sessionId && w.ClosesAt > now).ToListAsync(ct);
        foreach (var w in open)
        {
            w.ClosesAt = w.OpensAt > now ? w.OpensAt : now;
            w.ClosedByUserId = scope.UserId;
        }

        if (open.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return Result<CloseCheckInOutcome>.Ok(new CloseCheckInOutcome(open.Count));
    }
}
