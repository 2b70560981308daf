using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// An administrator's hand on one row: retry puts a dead-lettered (or cancelled) message back in the queue, due now,
/// with its attempts reset; cancel takes a pending message out. Both are conditional updates, so a row the dispatcher
/// holds at that moment is left alone and the caller is told.
/// </summary>
public static class ChangeOutboxMessage
{
    public const string NotFound = "Outbox.NotFound";
    public const string NotRetryable = "Outbox.NotRetryable";
    public const string NotCancellable = "Outbox.NotCancellable";

    public static async Task<Result<OutboxStatus>> RetryAsync(TrainingHubDbContext db, TimeProvider time, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxMessages
            .Where(m => m.Id == id && (m.Status == OutboxStatus.DeadLetter || m.Status == OutboxStatus.Cancelled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), ct);
        return changed == 1 ? Result<OutboxStatus>.Ok(OutboxStatus.Pending) : await RefusedAsync(db, id, NotRetryable, ct);
    }

    public static async Task<Result<OutboxStatus>> CancelAsync(TrainingHubDbContext db, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var changed = await db.OutboxMessages
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled), ct);
        return changed == 1 ? Result<OutboxStatus>.Ok(OutboxStatus.Cancelled) : await RefusedAsync(db, id, NotCancellable, ct);
    }

    private static async Task<Result<OutboxStatus>> RefusedAsync(TrainingHubDbContext db, long id, string code, CancellationToken ct)
    {
        var status = await db.OutboxMessages.Where(m => m.Id == id).Select(m => (OutboxStatus?)m.Status).SingleOrDefaultAsync(ct);
        return status is null ? Error.NotFound("id", NotFound) : Error.Conflict("id", code, status.Value.ToString());
    }
}
