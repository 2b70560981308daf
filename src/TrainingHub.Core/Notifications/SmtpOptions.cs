using MailKit.Security;

namespace TrainingHub.Core.Notifications;

/// <summary>Settings under <c>Smtp</c>: where mail goes, as whom, and how often a message is tried.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 25;

    /// <summary>
    /// TLS: <c>Auto</c> (TLS from the start on port 465, else STARTTLS when the server offers it), <c>StartTls</c>
    /// (required: no TLS, no mail), <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c> or <c>None</c>.
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "no-reply@traininghub.local";
    public string FromName { get; set; } = "TrainingHub";

    /// <summary>Attempts before a message goes to the dead-letter state.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one SMTP command (connecting, sending one message) may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
