using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// An administrator's hand on one row, in any state. Retry puts the message back in the queue, due now, with its
/// attempts reset: a dead letter or a cancelled message, one waiting for its next attempt, one stuck "sending" (its
/// lease is taken from the sender, which may then have sent it too), or one already sent (it goes out again). Cancel
/// takes any message that has not gone out out of the queue, "sending" included; a sent message cannot be cancelled.
/// Each change is an audit entry (who, which message, the state before and after), written in the same transaction.
/// </summary>
public static class ChangeOutboxMessage
{
    public const string NotFound = "Outbox.NotFound";
    public const string NotCancellable = "Outbox.NotCancellable";

    public static Task<Result<OutboxStatus>> RetryAsync(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        return ChangeAsync(db, time, actor, id, "Retry", OutboxStatus.Pending, _ => true, q => q.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.LockedBy, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), ct), ct);
    }

    public static Task<Result<OutboxStatus>> CancelAsync(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, long id, CancellationToken ct) =>
        ChangeAsync(db, time, actor, id, "Cancel", OutboxStatus.Cancelled, s => s is not (OutboxStatus.Sent or OutboxStatus.Cancelled), q => q
            .Where(m => m.Status != OutboxStatus.Sent && m.Status != OutboxStatus.Cancelled)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Cancelled)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), ct), ct);

    private static async Task<Result<OutboxStatus>> ChangeAsync(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, long id, string action, OutboxStatus to,
        Func<OutboxStatus, bool> allowed, Func<IQueryable<OutboxMessage>, Task<int>> update, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var before = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id)
                .Select(m => new { m.Status, m.Attempts, m.LockedBy, m.MessageType, m.ToAddress }).SingleOrDefaultAsync(ct);
            if (before is null)
            {
                return Error.NotFound("id", NotFound);
            }

            if (!allowed(before.Status) || await update(db.OutboxMessages.Where(m => m.Id == id)) != 1)
            {
                var now = await db.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync(ct);
                return Error.Conflict("id", NotCancellable, now.ToString());
            }

            await AppendAuditAsync(db, time, actor, id, action, JsonSerializer.Serialize(new { status = before.Status.ToString(), before.Attempts, before.LockedBy, before.MessageType, to = before.ToAddress }),
                JsonSerializer.Serialize(new { status = to.ToString() }), ct);
            await tx.CommitAsync(ct);
            return Result<OutboxStatus>.Ok(to);
        });
    }

    /// <summary>The change's audit entry: a plain insert like every other entry; the sealer chains it.</summary>
    private static async Task AppendAuditAsync(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, long id, string action, string before, string after, CancellationToken ct)
    {
        var entry = new AuditEntry
        {
            OccurredAt = AuditChain.Truncate(time.GetUtcNow().UtcDateTime),
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Action = action,
            EntityType = nameof(OutboxMessage),
            EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            BeforeJson = before,
            AfterJson = after,
            Reason = actor.Reason,
        };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        db.Entry(entry).State = EntityState.Detached;
    }
}
