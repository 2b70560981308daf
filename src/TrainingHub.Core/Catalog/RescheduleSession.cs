using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Catalog;

/// <summary>New start and end of one session (São Paulo wall-clock times, or UTC when marked so).</summary>
public sealed record RescheduleRequest(DateTime? StartsAt, DateTime? EndsAt);

/// <summary>
/// Moves one session (of a webinar series or a class) to a new time; a cancelled session stays cancelled. A real move
/// raises the session's schedule version and, in the same save, queues an updated calendar invitation (higher
/// SEQUENCE) to everyone already invited and cancels their reminders not yet sent (new ones follow for the new time).
/// </summary>
public static class RescheduleSession
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int sessionId, RescheduleRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(time);
        var session = await db.Sessions.InScope(scope).Include(s => s.Offering).SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return Error.NotFound("", SaveSession.NotFound);
        }

        var errors = new List<FieldError>();
        if (session.Status == SessionStatus.Cancelled)
        {
            errors.Add(new("", "Session.IsCancelled"));
        }

        var (starts, ends) = SaveSession.Times(errors, r.StartsAt, r.EndsAt);
        if (starts is { } st && ends is { } en && en > st)
        {
            CatalogPeriods.CheckSession(errors, st, en, session.Offering!.StartsOn, session.Offering.EndsOn);
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        if (session.StartsAt == starts!.Value && session.EndsAt == ends!.Value)
        {
            return Result<int>.Ok(session.Id);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (previousStarts, previousEnds) = (session.StartsAt, session.EndsAt);
        session.StartsAt = starts.Value;
        session.EndsAt = ends!.Value;
        session.Sequence++;
        await SessionInvitations.CancelPendingRemindersAsync(db, session.Id, "Superseded: the session was rescheduled.", ct);
        var invited = await SessionInvitations.InvitedAsync(db, session.Id, ct);
        if (invited.Count > 0)
        {
            var offering = session.Offering!;
            var streamUrl = session.StreamUrl ?? (offering as WebinarSeries)?.ChannelUrl;
            var prefix = SessionInvitations.UpdatePrefix(session.Id, session.Sequence);
            var people = await db.People.AsNoTracking().Where(p => invited.Contains(p.Id) && p.AnonymizedAt == null)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.FullName, p.Email, p.PreferredLanguage }).ToListAsync(ct);
            foreach (var p in people)
            {
                var message = new SessionRescheduled(p.FullName, offering.Title, offering.Code, session.Id, session.Sequence, session.Title,
                    session.StartsAt, session.EndsAt, previousStarts, previousEnds, session.Place ?? offering.Place, streamUrl, now);
                // The key carries the new schedule version: a second move queues a second update, a retry nothing.
                await Outbox.QueueAsync(db, p.Id, p.Email, p.PreferredLanguage,
                    prefix + p.Id.ToString(CultureInfo.InvariantCulture), message, now, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(session.Id);
    }
}
