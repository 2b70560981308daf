using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// Queues a message in the outbox, to be saved by the caller's own SaveChangesAsync together with the change that
/// caused it. A key already queued (in the database or in this unit of work) queues nothing: the same cause never
/// sends twice. The row keeps the message's type name and the record as JSON (<see cref="EmailMessages"/>).
/// </summary>
public static class Outbox
{
    /// <summary>Queues for a person; returns false when the key was already queued.</summary>
    public static Task<bool> QueueAsync(TrainingHubDbContext db, Person recipient, string idempotencyKey, IEmailMessage message, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return QueueAsync(db, recipient.Id, recipient.Email, recipient.PreferredLanguage, idempotencyKey, message, now, ct);
    }

    /// <summary>Queues for an address (with the person, where there is one); returns false when the key was already queued.</summary>
    public static async Task<bool> QueueAsync(TrainingHubDbContext db, int? personId, string email, string language,
        string idempotencyKey, IEmailMessage message, DateTime now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Tracked(db, idempotencyKey) || await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == idempotencyKey, ct))
        {
            return false;
        }

        Add(db, personId, email, language, idempotencyKey, message, now);
        return true;
    }

    /// <summary>The synchronous form, for callers that cannot await.</summary>
    public static void Queue(TrainingHubDbContext db, Person recipient, string idempotencyKey, IEmailMessage message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipient);
        if (!Tracked(db, idempotencyKey) && !db.OutboxMessages.Any(m => m.IdempotencyKey == idempotencyKey))
        {
            Add(db, recipient.Id, recipient.Email, recipient.PreferredLanguage, idempotencyKey, message, now);
        }
    }

    private static bool Tracked(TrainingHubDbContext db, string key) =>
        db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.IdempotencyKey == key);

    /// <summary>Adds without looking the key up: for callers that checked many keys at once.</summary>
    public static void Add(TrainingHubDbContext db, int? personId, string email, string language, string idempotencyKey, IEmailMessage message, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        db.OutboxMessages.Add(new OutboxMessage
        {
            IdempotencyKey = idempotencyKey,
            MessageType = EmailMessages.NameOf(message),
            RecipientPersonId = personId,
            ToAddress = email,
            Language = language,
            PayloadJson = EmailMessages.Serialize(message),
            Essential = message.Essential,
            Status = OutboxStatus.Pending,
            Attempts = 0,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }
}
