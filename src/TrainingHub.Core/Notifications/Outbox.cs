using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// Queues a message in the outbox, to be saved by the caller's own SaveChangesAsync together with the change that
/// caused it. A key already queued (in the database or in this unit of work) queues nothing: the same cause never
/// sends twice.
/// </summary>
public static class Outbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Queues for a person; returns false when the key was already queued.</summary>
    public static Task<bool> QueueAsync(TrainingHubDbContext db, string messageType, Person recipient, string idempotencyKey, object payload, bool essential, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return QueueAsync(db, messageType, recipient.Id, recipient.Email, recipient.PreferredLanguage, idempotencyKey, payload, essential, now, ct);
    }

    /// <summary>Queues for an address (with the person, where there is one); returns false when the key was already queued.</summary>
    public static async Task<bool> QueueAsync(TrainingHubDbContext db, string messageType, int? personId, string email, string language,
        string idempotencyKey, object payload, bool essential, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Tracked(db, idempotencyKey) || await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == idempotencyKey, ct))
        {
            return false;
        }

        Add(db, messageType, personId, email, language, idempotencyKey, payload, essential, now);
        return true;
    }

    /// <summary>The synchronous form, for callers that cannot await.</summary>
    public static void Queue(TrainingHubDbContext db, string messageType, Person recipient, string idempotencyKey, object payload, bool essential, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipient);
        if (!Tracked(db, idempotencyKey) && !db.OutboxMessages.Any(m => m.IdempotencyKey == idempotencyKey))
        {
            Add(db, messageType, recipient.Id, recipient.Email, recipient.PreferredLanguage, idempotencyKey, payload, essential, now);
        }
    }

    private static bool Tracked(TrainingHubDbContext db, string key) =>
        db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.IdempotencyKey == key);

    /// <summary>Adds without looking the key up: for callers that checked many keys at once.</summary>
    public static void Add(TrainingHubDbContext db, string messageType, int? personId, string email, string language,
        string idempotencyKey, object payload, bool essential, DateTime now) =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            IdempotencyKey = idempotencyKey,
            MessageType = messageType,
            RecipientPersonId = personId,
            ToAddress = email,
            Language = language,
            PayloadJson = JsonSerializer.Serialize(payload, Json),
            Essential = essential,
            Status = OutboxStatus.Pending,
            Attempts = 0,
            CreatedAt = now,
            NextAttemptAt = now,
        });
}
