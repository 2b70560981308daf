using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Notifications;

/// <summary>How the dispatcher works: batch, lease, retries and where unsubscribe links point.</summary>
public sealed record DispatchSettings(
    int MaxAttempts = 8,
    int BatchSize = 50,
    int LeaseSeconds = 300,
    int MaxBackoffMinutes = 240,
    string? PublicUrl = null,
    string MessageIdDomain = "traininghub.local",
    IUnsubscribeTokens? Unsubscribe = null,
    IReadOnlyList<IOutboxAttachmentSource>? AttachmentSources = null,
    string? CalendarOrganizer = null,
    string? CalendarOrganizerName = null);

/// <summary>What one dispatch did; <see cref="Unavailable"/> holds the error when the SMTP server could not be reached.</summary>
public sealed record DispatchOutcome(int Claimed, int Sent, int Retried, int DeadLettered, int Cancelled = 0, string? Unavailable = null);

/// <summary>
/// Delivers due outbox rows. Each row is claimed with a conditional UPDATE that only matches a row still due (pending
/// and due, or sending with an expired lease), so two instances never hold the same row; the claimant sends it, then
/// marks it sent, or schedules a retry with exponential backoff, or dead-letters it (permanent refusal, unknown type,
/// or too many attempts). Delivery is at least once: a process killed after sending and before marking sends again
/// when the lease expires, with the same Message-ID (derived from the idempotency key) so the resend is recognisable.
/// </summary>
public static class DispatchOutbox
{
    public static async Task<DispatchOutcome> HandleAsync(TrainingHubDbContext db, IEmailSender sender, TimeProvider time, DispatchSettings settings, string instanceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(settings);
        // Due-ness compares at full precision (a row queued a fraction of a millisecond ago is due); the lease instant is
        // cut to whole milliseconds so that reading it back for the equality below is exact on every database.
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = Now(time).AddSeconds(settings.LeaseSeconds);
        var max = settings.MaxAttempts;
        var abandoned = await AbandonExhaustedAsync(db, settings, now, instanceId, ct);
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now) || (m.Status == OutboxStatus.Sending && m.LockedUntil < now && m.Attempts < max))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(settings.BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return new DispatchOutcome(0, 0, 0, abandoned);
        }

        // The claim: only rows still due at the moment of the UPDATE change hands; a row another instance took in between
        // no longer matches (PostgreSQL re-checks the condition on the locked row, SQLite serialises writers).
        await db.OutboxMessages
            .Where(m => due.Contains(m.Id)
                && ((m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now) || (m.Status == OutboxStatus.Sending && m.LockedUntil < now && m.Attempts < max)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LockedBy, instanceId)
                .SetProperty(m => m.LockedUntil, leaseUntil)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        var mine = await db.OutboxMessages.AsNoTracking()
            .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Sending && m.LockedBy == instanceId && m.LockedUntil == leaseUntil)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .ToListAsync(ct);

        // People who opted out of optional messages: their non-essential rows are cancelled, never sent.
        var optionalTo = mine.Where(m => !m.Essential && m.RecipientPersonId is not null).Select(m => m.RecipientPersonId!.Value).Distinct().ToList();
        var optedOut = optionalTo.Count == 0
            ? []
            : (await db.People.AsNoTracking().Where(p => optionalTo.Contains(p.Id) && !p.ReceivesOptionalEmails).Select(p => p.Id).ToListAsync(ct)).ToHashSet();

        int sent = 0, retried = 0, dead = abandoned, cancelled = 0;
        string? unavailable = null;
        // One connection for the whole batch (opened by the first message that goes out). Each message the server accepted
        // is marked sent, with its history row, while the next one goes out, and that record is complete before the one
        // after: a process killed mid-batch re-sends at most the two messages whose acceptance it had not yet recorded
        // (same Message-IDs), never the batch. The database and the SMTP server are each waited for once per message,
        // at the same time. Most rows were rendered when queued (OutboxRendering) and only need their MIME message built;
        // the others (Razor, Ical.Net) are rendered a few ahead on other threads: the sending loop waits for a template
        // only when rendering falls behind.
        await using var batch = sender.OpenBatch();
        var ahead = new Queue<Task<Rendering>>();
        var nextToRender = 0;
        Task? recording = null;
        OutboxMessage? recorded = null;

        // The previous message's record, finished before the context is used again. Failing to record it is a failed
        // attempt of that message, as any other error after sending: retried with backoff (it may go out twice).
        async Task SettleAsync()
        {
            if (recording is null || recorded is null)
            {
                return;
            }

            var (task, row) = (recording, recorded);
            (recording, recorded) = (null, null);
            try
            {
                await task;
                sent++;
            }
            catch (Exception ex)
            {
                if (await RetryAsync(db, row, settings, Now(time), $"{ex.GetType().Name}: {ex.Message}", instanceId, CancellationToken.None))
                {
                    retried++;
                }
                else
                {
                    dead++;
                }
            }
        }

        try
        {
            foreach (var m in mine)
            {
                while (ahead.Count < RenderAhead && nextToRender < mine.Count)
                {
                    var row = mine[nextToRender++];
                    ahead.Enqueue(row.RenderedJson is null ? Task.Run(() => RenderAsync(row, settings), CancellationToken.None) : Task.FromResult(Stored(row, settings)));
                }

                var rendering = ahead.Dequeue();
                try
                {
                    if (!m.Essential && m.RecipientPersonId is { } recipient && optedOut.Contains(recipient))
                    {
                        await SettleAsync();
                        await FinishAsync(db, m, OutboxStatus.Cancelled, OptedOut, instanceId, Now(time), ct);
                        cancelled++;
                        continue;
                    }

                    if (unavailable is not null)
                    {
                        // The server is down: the rest of the batch waits for the next attempt without knocking again.
                        await SettleAsync();
                        if (await RetryAsync(db, m, settings, Now(time), unavailable, instanceId, ct))
                        {
                            retried++;
                        }
                        else
                        {
                            dead++;
                        }

                        continue;
                    }

                    var (message, composed, failure) = await rendering;
                    if (failure is System.Text.Json.JsonException or FormatException or InvalidOperationException or System.Xml.XmlException)
                    {
                        // A payload its record cannot read, or a template that fails: retrying would fail the same way.
                        await SettleAsync();
                        await DeadLetterAsync(db, m, Now(time), $"Cannot render '{m.MessageType}': {failure.Message}", instanceId, ct);
                        dead++;
                        continue;
                    }

                    if (failure is not null)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                    }

                    if (message is null || composed is null)
                    {
                        await SettleAsync();
                        await DeadLetterAsync(db, m, Now(time), $"Unknown message type '{m.MessageType}': no template renders it.", instanceId, ct);
                        dead++;
                        continue;
                    }

                    var email = composed;
                    if (message.Attachments.Count > 0)
                    {
                        // Attachment sources read the database.
                        await SettleAsync();
                    }

                    var (files, problem) = await OutboxAttachments.ResolveAsync(db, message, settings.AttachmentSources ?? [], ct);
                    if (problem is not null)
                    {
                        await DeadLetterAsync(db, m, Now(time), problem, instanceId, ct);
                        dead++;
                        continue;
                    }

                    if (files.Count > 0)
                    {
                        email = email with { Attachments = [.. email.Attachments ?? [], .. files] };
                    }

                    try
                    {
                        await batch.SendAsync(email, ct);
                    }
                    catch (EmailSendException ex) when (ex.Permanent)
                    {
                        await SettleAsync();
                        await DeadLetterAsync(db, m, Now(time), "Refused permanently: " + ex.Message, instanceId, ct);
                        dead++;
                        continue;
                    }
                    catch (EmailSendException ex)
                    {
                        if (ex.ServerUnavailable)
                        {
                            unavailable = ex.Message;
                        }

                        await SettleAsync();
                        if (await RetryAsync(db, m, settings, Now(time), ex.Message, instanceId, ct))
                        {
                            retried++;
                        }
                        else
                        {
                            dead++;
                        }

                        continue;
                    }

                    await SettleAsync();
                    (recording, recorded) = (MarkSentAsync(db, m, instanceId, Now(time)), m);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Anything else that goes wrong with this message (a template, an attachment source, the MIME builder, the
                    // connection in a way nobody classified) is one failed attempt, recorded with its error: retried with
                    // backoff, dead-lettered at the maximum. One message can never stop the queue or stay "sending".
                    await SettleAsync();
                    if (await RetryAsync(db, m, settings, Now(time), $"{ex.GetType().Name}: {ex.Message}", instanceId, CancellationToken.None))
                    {
                        retried++;
                    }
                    else
                    {
                        dead++;
                    }
                }
            }
        }
        finally
        {
            await SettleAsync();
        }

        return new DispatchOutcome(mine.Count, sent, retried, dead, cancelled, unavailable);
    }

    public const string OptedOut = "Recipient opted out of optional messages";

    /// <summary>How many messages of a batch are rendered ahead of the one being sent.</summary>
    private const int RenderAhead = 4;

    /// <summary>A row's message and its rendered email, or why it could not be rendered (message null: unknown type).</summary>
    private sealed record Rendering(IEmailMessage? Message, EmailMessage? Email, Exception? Failure);

    /// <summary>A row rendered when it was queued (<see cref="OutboxRendering"/>): its message is read only for the files it names.</summary>
    private static Rendering Stored(OutboxMessage m, DispatchSettings settings)
    {
        try
        {
            var message = EmailMessages.Read(m.MessageType, m.PayloadJson);
            return message is null ? new Rendering(null, null, null) : new Rendering(message, RenderedOutboxEmail.FromJson(m.RenderedJson)!.ToEmail(m, settings), null);
        }
        catch (Exception ex)
        {
            return new Rendering(null, null, ex);
        }
    }

    /// <summary>Reads and renders one row; never throws, so a rendering nobody awaits (the batch stopped) fails nothing.</summary>
    private static async Task<Rendering> RenderAsync(OutboxMessage m, DispatchSettings settings)
    {
        try
        {
            var message = EmailMessages.Read(m.MessageType, m.PayloadJson);
            return message is null ? new Rendering(null, null, null) : new Rendering(message, await ComposeAsync(m, message, settings), null);
        }
        catch (Exception ex)
        {
            return new Rendering(null, null, ex);
        }
    }

    /// <summary>The email for a row and the message it holds (<see cref="EmailMessages.Read"/>), rendered with the message's template.</summary>
    public static async Task<EmailMessage> ComposeAsync(OutboxMessage m, IEmailMessage message, DispatchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(settings);
        var unsubscribe = UnsubscribeUrl(m, settings);
        var organizer = settings.CalendarOrganizer ?? "noreply@" + settings.MessageIdDomain;
        var rendered = await EmailRenderer.Shared.RenderAsync(message, m.Language, unsubscribe,
            new CalendarParties(organizer, settings.CalendarOrganizerName, m.ToAddress, null), settings.PublicUrl);

        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["X-TrainingHub-Message"] = m.MessageType };
        if (unsubscribe is not null)
        {
            headers["List-Unsubscribe"] = $"<{unsubscribe}>";
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
        }

        return new EmailMessage(m.ToAddress, rendered.Subject, rendered.Html, rendered.Text, MessageId(m.IdempotencyKey, settings.MessageIdDomain), headers,
            rendered.Attachments);
    }

    /// <summary>
    /// The one-click unsubscribe link of a non-essential message to a known person (person id and a token only the
    /// application can make), or null: essential messages, unknown recipients or no public URL or token maker.
    /// </summary>
    public static string? UnsubscribeUrl(OutboxMessage m, DispatchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(settings);
        if (m.Essential || m.RecipientPersonId is not { } person || settings.Unsubscribe is null || string.IsNullOrWhiteSpace(settings.PublicUrl))
        {
            return null;
        }

        return $"{settings.PublicUrl.TrimEnd('/')}/unsubscribe?p={person.ToString(CultureInfo.InvariantCulture)}&t={Uri.EscapeDataString(settings.Unsubscribe.Create(person))}";
    }

    /// <summary>The same key always gives the same Message-ID, so a resend after a crash is recognisable as the same email.</summary>
    public static string MessageId(string idempotencyKey, string domain)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey ?? "")))[..32];
        return $"<outbox.{hash}@{domain}>";
    }

    /// <summary>Minutes to wait after the given attempt: 1, 2, 4, 8 … up to the cap.</summary>
    public static TimeSpan Backoff(int attempts, int maxMinutes) =>
        TimeSpan.FromMinutes(Math.Min(maxMinutes, Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));

    /// <summary>
    /// Rows left "sending" by a sender that stopped (killed, crashed) on their last allowed attempt: their lease has
    /// passed and no attempt is left, so they are dead-lettered with their history line instead of being claimed again.
    /// </summary>
    private static async Task<int> AbandonExhaustedAsync(TrainingHubDbContext db, DispatchSettings settings, DateTime now, string instanceId, CancellationToken ct)
    {
        var max = settings.MaxAttempts;
        var stuck = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Sending && m.LockedUntil < now && m.Attempts >= max)
            .OrderBy(m => m.Id).Take(settings.BatchSize).ToListAsync(ct);
        var dead = 0;
        foreach (var m in stuck)
        {
            var reason = $"Gave up after {m.Attempts} attempts: the last one never finished (its sender, {m.LockedBy}, stopped before recording an outcome).";
            var changed = await db.OutboxMessages
                .Where(x => x.Id == m.Id && x.Status == OutboxStatus.Sending && x.LockedBy == m.LockedBy && x.LockedUntil < now)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.Status, OutboxStatus.DeadLetter)
                    .SetProperty(x => x.LastError, Trim(reason))
                    .SetProperty(x => x.LockedBy, (string?)null)
                    .SetProperty(x => x.LockedUntil, (DateTime?)null), ct);
            await RecordAsync(db, m, changed, OutboxAttemptOutcome.DeadLetter, reason, instanceId, now, ct);
            dead += changed;
        }

        return dead;
    }

    private static async Task<bool> RetryAsync(TrainingHubDbContext db, OutboxMessage m, DispatchSettings settings, DateTime now, string error, string instanceId, CancellationToken ct)
    {
        if (m.Attempts >= settings.MaxAttempts)
        {
            await DeadLetterAsync(db, m, now, $"Gave up after {m.Attempts} attempts: {error}", instanceId, ct);
            return false;
        }

        var next = now + Backoff(m.Attempts, settings.MaxBackoffMinutes);
        var changed = await db.OutboxMessages.Where(x => x.Id == m.Id && x.Status == OutboxStatus.Sending && x.LockedBy == instanceId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, OutboxStatus.Pending)
                .SetProperty(x => x.NextAttemptAt, next)
                .SetProperty(x => x.LastError, Trim(error))
                .SetProperty(x => x.LockedBy, (string?)null)
                .SetProperty(x => x.LockedUntil, (DateTime?)null), ct);
        await RecordAsync(db, m, changed, OutboxAttemptOutcome.Retry, error, instanceId, now, ct);
        return true;
    }

    /// <summary>
    /// The server accepted the message: the row is marked sent, with its history line, where this instance still held
    /// it. Not cancellable: the message is out, and a row left "sending" would go out again when its lease expires.
    /// </summary>
    private static async Task MarkSentAsync(TrainingHubDbContext db, OutboxMessage m, string instanceId, DateTime sentAt)
    {
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            // One statement, so one round trip and one commit: the row changes and its history line is written from the
            // row the UPDATE returned, so a lost lease (no row returned) writes no line, as below.
            var instance = instanceId.Length <= 100 ? instanceId : instanceId[..100];
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                WITH sent AS (
                    UPDATE "OutboxMessages" SET "Status" = 'Sent', "SentAt" = {sentAt}, "LockedBy" = NULL, "LockedUntil" = NULL, "LastError" = NULL
                    WHERE "Id" = {m.Id} AND "Status" = 'Sending' AND "LockedBy" = {instanceId}
                    RETURNING "Id", "Attempts")
                INSERT INTO "OutboxAttempts" ("OutboxMessageId", "Attempt", "At", "Instance", "Outcome", "Error")
                SELECT "Id", "Attempts", {sentAt}, {instance}, 'Sent', NULL FROM sent
                """, CancellationToken.None);
            return;
        }

        if (db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true)
        {
            // Two statements in one command and one transaction (one commit): the history line is written from the row
            // only when the UPDATE changed it (changes() counts the rows of the statement before), as below.
            var instance = instanceId.Length <= 100 ? instanceId : instanceId[..100];
            await using var sqliteTx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "OutboxMessages" SET "Status" = 'Sent', "SentAt" = {sentAt}, "LockedBy" = NULL, "LockedUntil" = NULL, "LastError" = NULL
                WHERE "Id" = {m.Id} AND "Status" = 'Sending' AND "LockedBy" = {instanceId};
                INSERT INTO "OutboxAttempts" ("OutboxMessageId", "Attempt", "At", "Instance", "Outcome", "Error")
                SELECT "Id", "Attempts", {sentAt}, {instance}, 'Sent', NULL FROM "OutboxMessages" WHERE "Id" = {m.Id} AND changes() = 1;
                """, CancellationToken.None);
            await sqliteTx.CommitAsync(CancellationToken.None);
            return;
        }

        // Elsewhere (SQL Server) one transaction holds both writes: one commit instead of two.
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var changed = await db.OutboxMessages.Where(x => x.Id == m.Id && x.Status == OutboxStatus.Sending && x.LockedBy == instanceId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, OutboxStatus.Sent)
                .SetProperty(x => x.SentAt, sentAt)
                .SetProperty(x => x.LockedBy, (string?)null)
                .SetProperty(x => x.LockedUntil, (DateTime?)null)
                .SetProperty(x => x.LastError, (string?)null), CancellationToken.None);
        await RecordAsync(db, m, changed, OutboxAttemptOutcome.Sent, null, instanceId, sentAt, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    private static Task DeadLetterAsync(TrainingHubDbContext db, OutboxMessage m, DateTime at, string reason, string instanceId, CancellationToken ct) =>
        FinishAsync(db, m, OutboxStatus.DeadLetter, reason, instanceId, at, ct);

    private static async Task FinishAsync(TrainingHubDbContext db, OutboxMessage m, OutboxStatus status, string reason, string instanceId, DateTime at, CancellationToken ct)
    {
        var changed = await db.OutboxMessages.Where(x => x.Id == m.Id && x.Status == OutboxStatus.Sending && x.LockedBy == instanceId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.LastError, Trim(reason))
                .SetProperty(x => x.LockedBy, (string?)null)
                .SetProperty(x => x.LockedUntil, (DateTime?)null), ct);
        var outcome = status == OutboxStatus.DeadLetter ? OutboxAttemptOutcome.DeadLetter : OutboxAttemptOutcome.Cancelled;
        await RecordAsync(db, m, changed, outcome, reason, instanceId, at, ct);
    }

    /// <summary>
    /// The attempt's line in the message's history, written only when this instance still held the lease (the row
    /// changed): an instance whose lease had passed to another records nothing for a claim it lost.
    /// </summary>
    private static async Task RecordAsync(TrainingHubDbContext db, OutboxMessage m, int changed, OutboxAttemptOutcome outcome, string? error, string instanceId, DateTime at, CancellationToken ct)
    {
        if (changed != 1)
        {
            return;
        }

        var attempt = Attempt(m, outcome, error, instanceId, at);
        db.OutboxAttempts.Add(attempt);
        await db.SaveChangesAsync(ct);
        db.Entry(attempt).State = EntityState.Detached;
    }

    private static OutboxAttempt Attempt(OutboxMessage m, OutboxAttemptOutcome outcome, string? error, string instanceId, DateTime at) => new()
    {
        OutboxMessageId = m.Id,
        Attempt = m.Attempts,
        At = at,
        Instance = instanceId.Length <= 100 ? instanceId : instanceId[..100],
        Outcome = outcome,
        Error = error is null ? null : Trim(error),
    };

    private static string Trim(string s) => s.Length <= 2000 ? s : s[..2000];

    /// <summary>Millisecond precision, so the lease written is the lease read back on every database.</summary>
    private static DateTime Now(TimeProvider time)
    {
        var t = time.GetUtcNow().UtcDateTime;
        return new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
