namespace TrainingHub.Core.Notifications;

public enum OutboxStatus
{
    Pending,
    Sending,
    Sent,
    DeadLetter,
    Cancelled,
}

/// <summary>
/// A message to deliver, written in the same transaction as the change that caused it. The idempotency key is
/// unique, so the same cause can never queue (or send) two messages.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public required string IdempotencyKey { get; set; }

    /// <summary>The typed message's name, for example "EnrolmentConfirmed".</summary>
    public required string MessageType { get; set; }

    public int? RecipientPersonId { get; set; }
    public required string ToAddress { get; set; }
    public required string Language { get; set; }
    public required string PayloadJson { get; set; }

    /// <summary>
    /// The email as rendered when it was queued (<see cref="RenderedOutboxEmail"/>, JSON), so sending only builds the
    /// MIME message; null for rows the dispatcher renders when sending (<see cref="OutboxRendering"/> says which).
    /// </summary>
    public string? RenderedJson { get; set; }
    public bool Essential { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}
