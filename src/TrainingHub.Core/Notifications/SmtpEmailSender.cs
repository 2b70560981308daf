using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// Sends through an SMTP server with <see cref="SmtpClient"/>: UTF-8 subject, headers and bodies, a text part and an
/// HTML alternative, and the caller's Message-ID. Classifies failures: 5xx replies are permanent, the rest transient.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    private readonly SmtpOptions settings = options.Value;

    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        MailAddress to;
        try
        {
            to = new MailAddress(message.To);
        }
        catch (FormatException ex)
        {
            throw new EmailSendException($"Invalid address '{message.To}': {ex.Message}", permanent: true, serverUnavailable: false, ex);
        }

        using var mail = new MailMessage
        {
            From = new MailAddress(settings.From, settings.FromName, Encoding.UTF8),
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
            Body = message.Text,
            IsBodyHtml = false,
        };
        mail.To.Add(to);
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.Html, Encoding.UTF8, "text/html"));
        foreach (var file in message.Attachments ?? [])
        {
            var attachment = new Attachment(new MemoryStream(file.Content, writable: false), new System.Net.Mime.ContentType(file.ContentType));
            attachment.ContentDisposition!.FileName = file.FileName;
            attachment.NameEncoding = Encoding.UTF8;
            attachment.Name = file.FileName;
            mail.Attachments.Add(attachment);
        }

        mail.Headers.Add("Message-ID", message.MessageId);
        foreach (var (name, value) in message.Headers)
        {
            mail.Headers.Add(name, value);
        }

        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = settings.TimeoutSeconds * 1000,
        };
        if (!string.IsNullOrEmpty(settings.User))
        {
            client.Credentials = new NetworkCredential(settings.User, settings.Password);
        }

        try
        {
            await client.SendMailAsync(mail, ct);
        }
        catch (SmtpFailedRecipientException ex)
        {
            throw Classify(ex, ex.StatusCode, $"The server refused {message.To}: {(int)ex.StatusCode} {ex.Message}");
        }
        catch (SmtpException ex)
        {
            throw Classify(ex, ex.StatusCode, $"SMTP {(int)ex.StatusCode} {ex.Message}{Inner(ex)}");
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException)
        {
            throw new EmailSendException($"SMTP server {settings.Host}:{settings.Port} unavailable: {ex.Message}", permanent: false, serverUnavailable: true, ex);
        }
    }

    private EmailSendException Classify(Exception ex, SmtpStatusCode code, string reason)
    {
        var unreachable = ex.InnerException is SocketException or IOException || code == SmtpStatusCode.ServiceNotAvailable;
        if (unreachable)
        {
            return new EmailSendException($"SMTP server {settings.Host}:{settings.Port} unavailable: {ex.Message}{Inner(ex)}", permanent: false, serverUnavailable: true, ex);
        }

        var permanent = (int)code is >= 500 and < 600;
        return new EmailSendException(reason, permanent, serverUnavailable: false, ex);
    }

    private static string Inner(Exception ex) => ex.InnerException is { } inner ? " (" + inner.Message + ")" : "";
}
