using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// What a queued message will say, rendered when it is queued: subject, HTML, text, headers (the unsubscribe link) and
/// the files its template makes (the .ics invitation). The dispatcher then only builds the MIME message and sends it.
/// Files a message names by reference (certificates, reports) are not in it: they are produced at send time.
/// </summary>
public sealed record RenderedOutboxEmail(
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<EmailAttachment>? Attachments)
{
    // Stored, never embedded in a page: markup and accents are kept as they are, not escaped (half the size to read back).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RenderedOutboxEmail? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<RenderedOutboxEmail>(json, Json);

    /// <summary>The email for a row: this content, to the row's address, with the Message-ID of the row's idempotency key.</summary>
    public EmailMessage ToEmail(OutboxMessage m, DispatchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(settings);
        return new EmailMessage(m.ToAddress, Subject, Html, Text, DispatchOutbox.MessageId(m.IdempotencyKey, settings.MessageIdDomain), Headers, Attachments);
    }
}

/// <summary>
/// Renders the messages a save queues (<see cref="Outbox"/>) before they are written, on every core, and stores the
/// result in <see cref="OutboxMessage.RenderedJson"/>: in the recipient's language, with links to App:PublicUrl and the
/// unsubscribe link of <see cref="DispatchSettings"/>, exactly as the dispatcher would at send time. A message that
/// fails to render is queued unrendered, and the dispatcher renders it when sending (and dead-letters it if it fails
/// again), as it does rows queued by a context without this interceptor (the synchronous SaveChanges, command-line
/// tools, rows from before rendering moved here).
/// </summary>
public sealed class OutboxRendering(DispatchSettings settings) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        var queued = eventData.Context?.ChangeTracker.Entries<OutboxMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.RenderedJson is null)
            .Select(e => e.Entity).ToList();
        if (queued is { Count: > 0 })
        {
            await RenderAsync(queued, settings, cancellationToken);
        }

        return result;
    }

    /// <summary>Renders each row (in parallel when there are several) and stores its content on the row.</summary>
    public static async Task RenderAsync(IReadOnlyList<OutboxMessage> rows, DispatchSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        if (rows.Count == 1)
        {
            await RenderOneAsync(rows[0], settings);
            return;
        }

        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            async (row, _) => await RenderOneAsync(row, settings));
    }

    private static async Task RenderOneAsync(OutboxMessage row, DispatchSettings settings)
    {
        try
        {
            if (EmailMessages.Read(row.MessageType, row.PayloadJson) is not { } message)
            {
                return;
            }

            var email = await DispatchOutbox.ComposeAsync(row, message, settings);
            row.RenderedJson = new RenderedOutboxEmail(email.Subject, email.Html, email.Text, email.Headers, email.Attachments).ToJson();
        }
        catch (Exception)
        {
            // Left to be rendered (and, failing again, dead-lettered with its error) when it is sent.
            row.RenderedJson = null;
        }
    }
}
