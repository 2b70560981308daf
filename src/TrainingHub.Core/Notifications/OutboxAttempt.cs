namespace TrainingHub.Core.Notifications;

public enum OutboxAttemptOutcome
{
    Sent,
    Retry,
    DeadLetter,
    Cancelled,
}

/// <summary>
/// One dispatch attempt of an outbox message: which instance claimed it, when, and how it ended (sent, to be retried,
/// dead-lettered, cancelled because the person opted out) with the error. The message's history, oldest first.
/// </summary>
public class OutboxAttempt
{
    public long Id { get; set; }
    public long OutboxMessageId { get; set; }

    /// <summary>The message's attempt count after the claim: 1 for the first.</summary>
    public int Attempt { get; set; }

    public DateTime At { get; set; }
    public required string Instance { get; set; }
    public OutboxAttemptOutcome Outcome { get; set; }
    public string? Error { get; set; }
}
