using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// Sends through an SMTP server with MailKit: one connection per batch (TLS as <see cref="SmtpOptions.Security"/> says,
/// authenticated when a user is set), opened again once when the server has dropped it. MimeKit builds each message: a
/// text part and its HTML alternative, the calendar invitation as a <c>text/calendar</c> part with its method, other
/// attachments, and the caller's Message-ID. Classifies failures: 5xx replies are permanent for that message (the
/// connection goes on), 4xx transient, and a server that cannot be reached makes the rest of the batch wait.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    private readonly SmtpOptions settings = options.Value;

    public IEmailBatch OpenBatch() => new Batch(settings);

    /// <summary>The MIME message for an email, or a permanent failure when its recipient is no address at all.</summary>
    public static MimeMessage ToMime(EmailMessage message, SmtpOptions settings)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(settings);
        if (!MailboxAddress.TryParse(message.To, out var to) || to.Address.IndexOf('@', StringComparison.Ordinal) <= 0)
        {
            throw new EmailSendException($"Invalid address '{message.To}'", permanent: true, serverUnavailable: false, null);
        }

        var mime = new MimeMessage { Subject = OneLine(message.Subject), MessageId = message.MessageId.Trim().TrimStart('<').TrimEnd('>') };
        mime.From.Add(new MailboxAddress(OneLine(settings.FromName), settings.From));
        mime.To.Add(to);
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, OneLine(value));
        }

        var body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html };
        foreach (var file in message.Attachments ?? [])
        {
            body.Attachments.Add(Part(file));
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>
    /// A header's text on one line: line breaks, tabs and other control characters (a title saved with line breaks, a
    /// NUL) become single spaces, so no value can end a header early, start another or make MimeKit refuse the message.
    /// MimeKit then encodes what is left (RFC 2047 for accents) and folds long lines itself.
    /// </summary>
    public static string OneLine(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var sb = new System.Text.StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// An attachment as a MIME part, in base64 so its bytes arrive exactly as made (an .ics keeps its CRLF line ends). A
    /// calendar keeps its parameters (<c>method=REQUEST</c> or <c>CANCEL</c>, charset) on the <c>text/calendar</c> part.
    /// </summary>
    private static MimePart Part(EmailAttachment file)
    {
        var type = ContentType.Parse(file.ContentType);
        var part = type.IsMimeType("text", "*") ? new TextPart(type.MediaSubtype) : new MimePart(type.MediaType, type.MediaSubtype);
        foreach (var parameter in type.Parameters)
        {
            part.ContentType.Parameters[parameter.Name] = parameter.Value;
        }

        part.Content = new MimeContent(new MemoryStream(file.Content, writable: false));
        part.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment);
        part.ContentTransferEncoding = ContentEncoding.Base64;
        part.FileName = OneLine(file.FileName);
        return part;
    }

    private sealed class Batch(SmtpOptions settings) : IEmailBatch
    {
        private readonly SmtpClient client = new() { Timeout = settings.TimeoutSeconds * 1000 };

        public async Task SendAsync(EmailMessage message, CancellationToken ct)
        {
            var mime = ToMime(message, settings);
            while (true)
            {
                // A connection kept from an earlier message may have been closed by the server since (idle timeout,
                // restart): that shows only when it is used, and then the message goes once more over a new one.
                var reused = client.IsConnected;
                await ConnectAsync(ct);
                try
                {
                    await client.SendAsync(mime, ct);
                    return;
                }
                catch (SmtpCommandException ex) when (ex.StatusCode != SmtpStatusCode.ServiceNotAvailable)
                {
                    // MailKit resets the transaction (RSET) and keeps the connection for the next message.
                    var code = (int)ex.StatusCode;
                    var reason = ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted
                        ? $"The server refused {message.To}: {code} {ex.Message}"
                        : $"SMTP {code} {ex.Message}";
                    throw new EmailSendException(reason, permanent: code is >= 500 and < 600, serverUnavailable: false, ex);
                }
                catch (Exception ex) when (Dropped(ex))
                {
                    await CloseAsync(quit: false);
                    if (!reused)
                    {
                        throw Unavailable(ex);
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await CloseAsync(quit: true);
            client.Dispose();
        }

        private async Task ConnectAsync(CancellationToken ct)
        {
            if (client.IsConnected)
            {
                return;
            }

            try
            {
                await client.ConnectAsync(settings.Host, settings.Port, settings.Security, ct);
                if (!string.IsNullOrEmpty(settings.User))
                {
                    await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
                }
            }
            catch (Exception ex) when (Dropped(ex) || ex is SmtpCommandException or AuthenticationException or NotSupportedException)
            {
                // Refused greeting, failed TLS or sign-in: nothing can be sent until the server or the settings change.
                await CloseAsync(quit: false);
                throw Unavailable(ex);
            }
        }

        private async Task CloseAsync(bool quit)
        {
            if (!client.IsConnected)
            {
                return;
            }

            try
            {
                await client.DisconnectAsync(quit, CancellationToken.None);
            }
            catch (Exception ex) when (Dropped(ex) || ex is SmtpCommandException)
            {
                // Closing a connection that has already gone: nothing to do.
            }
        }

        private EmailSendException Unavailable(Exception ex) =>
            new($"SMTP server {settings.Host}:{settings.Port} unavailable: {ex.Message}{(ex.InnerException is { } inner ? " (" + inner.Message + ")" : "")}",
                permanent: false, serverUnavailable: true, ex);

        /// <summary>The connection failed or went away (including a 421 "closing" reply): a new one may work.</summary>
        private static bool Dropped(Exception ex) => ex is IOException or SocketException or TimeoutException or SmtpProtocolException
            or ServiceNotConnectedException or SslHandshakeException
            || ex is SmtpCommandException { StatusCode: SmtpStatusCode.ServiceNotAvailable };
    }
}
