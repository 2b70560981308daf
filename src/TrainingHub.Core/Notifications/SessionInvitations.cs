using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// The idempotency keys of session reminders and updates, and who has been invited to a session: a person whose
/// reminder or update (carrying the calendar invitation) has gone out, or is going out now.
/// </summary>
public static class SessionInvitations
{
    /// <summary>One reminder per session, schedule version, kind ("day" or "hour") and person.</summary>
    public static string ReminderPrefix(int sessionId, int sequence, string kind) =>
        string.Create(CultureInfo.InvariantCulture, $"session-reminder:{sessionId}:v{sequence}:{kind}:");

    public static string UpdatePrefix(int sessionId, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"session-update:{sessionId}:v{sequence}:");

    private static string AnyReminder(int sessionId) => string.Create(CultureInfo.InvariantCulture, $"session-reminder:{sessionId}:");

    private static string AnyUpdate(int sessionId) => string.Create(CultureInfo.InvariantCulture, $"session-update:{sessionId}:");

    /// <summary>The people whose calendar may hold the session: their invitation was sent or is being sent.</summary>
    public static async Task<HashSet<int>> InvitedAsync(TrainingHubDbContext db, int sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reminder = AnyReminder(sessionId);
        var update = AnyUpdate(sessionId);
        var ids = await db.OutboxMessages.AsNoTracking()
            .Where(m => (m.IdempotencyKey.StartsWith(reminder) || m.IdempotencyKey.StartsWith(update))
                && (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Sending) && m.RecipientPersonId != null)
            .Select(m => m.RecipientPersonId!.Value).Distinct().ToListAsync(ct);
        return [.. ids];
    }

    /// <summary>
    /// Cancels the session's reminders not yet sent (tracked, saved by the caller): after a reschedule or cancellation
    /// they would give the old time.
    /// </summary>
    public static async Task<int> CancelPendingRemindersAsync(TrainingHubDbContext db, int sessionId, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reminder = AnyReminder(sessionId);
        var pending = await db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith(reminder) && m.Status == OutboxStatus.Pending).ToListAsync(ct);
        foreach (var m in pending)
        {
            m.Status = OutboxStatus.Cancelled;
            m.LastError = reason;
        }

        return pending.Count;
    }

    /// <summary>What a message says of a session for its calendar event.</summary>
    public static CalendarSession SessionFields(Session s, string? place, string? streamUrl) =>
        new(s.Id, s.Sequence, s.Title, DateTime.SpecifyKind(s.StartsAt, DateTimeKind.Utc), DateTime.SpecifyKind(s.EndsAt, DateTimeKind.Utc), place, streamUrl);
}
