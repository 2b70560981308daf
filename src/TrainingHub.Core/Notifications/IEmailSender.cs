namespace TrainingHub.Core.Notifications;

/// <summary>One email, ready to send: the rendered content plus the headers that identify it.</summary>
public sealed record EmailMessage(
    string To,
    string Subject,
    string Html,
    string Text,
    string MessageId,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<EmailAttachment>? Attachments = null);

/// <summary>A file sent with an email (a certificate PDF, a calendar invitation, a report).</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The one way out for email. The SMTP implementation is <see cref="SmtpEmailSender"/>.</summary>
public interface IEmailSender
{
    /// <summary>
    /// Starts a batch: the messages sent through it share one connection, opened on the first message and closed when
    /// the batch is disposed.
    /// </summary>
    IEmailBatch OpenBatch();
}

/// <summary>Several messages over one connection to the mail server.</summary>
public interface IEmailBatch : IAsyncDisposable
{
    /// <summary>Sends, or throws <see cref="EmailSendException"/> saying whether trying again can help.</summary>
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>
/// A failed send. <see cref="Permanent"/>: the server refused this message or address for good (5xx), so retrying is
/// pointless. <see cref="ServerUnavailable"/>: the server could not be reached at all, so the rest of the batch waits too.
/// </summary>
public sealed class EmailSendException : Exception
{
    public EmailSendException()
    {
    }

    public EmailSendException(string message)
        : base(message)
    {
    }

    public EmailSendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public EmailSendException(string message, bool permanent, bool serverUnavailable, Exception? innerException)
        : base(message, innerException)
    {
        Permanent = permanent;
        ServerUnavailable = serverUnavailable;
    }

    public bool Permanent { get; }
    public bool ServerUnavailable { get; }
}
