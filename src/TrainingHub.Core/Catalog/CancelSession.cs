using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Catalog;

/// <summary>
/// Cancels one session and, in the same save, queues a "SessionCancelled" message to everyone enrolled. Cancelling
/// again (a double click) changes nothing and queues nothing. People already invited to the session get a calendar
/// cancellation (METHOD:CANCEL, the next SEQUENCE) with it; its reminders not yet sent are cancelled. Returns how many
/// messages were queued.
/// </summary>
public static class CancelSession
{

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var session = await db.Sessions.InScope(scope).Include(s => s.Offering).SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return Error.NotFound("", SaveSession.NotFound);
        }

        if (session.Status == SessionStatus.Closed)
        {
            return Error.Conflict("", "Session.AlreadyClosed");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (session.Status != SessionStatus.Cancelled)
        {
            session.Status = SessionStatus.Cancelled;
            session.Sequence++;
        }

        await SessionInvitations.CancelPendingRemindersAsync(db, session.Id, "Superseded: the session was cancelled.", ct);
        var invited = await SessionInvitations.InvitedAsync(db, session.Id, ct);
        var streamUrl = session.StreamUrl ?? (session.Offering as WebinarSeries)?.ChannelUrl;
        CalendarSession[] invitation = [SessionInvitations.SessionFields(session, session.Place ?? session.Offering!.Place, streamUrl)];
        SessionCancelled Message(int personId) => new(session.Id, session.Title, session.Offering!.Title, session.Offering.Code, session.StartsAt, session.EndsAt,
            session.Place ?? session.Offering.Place, session.StreamUrl, now, invited.Contains(personId) ? invitation : []);
        var queued = await CancellationNotices.QueueAsync(db, session.OfferingId, personId => $"session-cancelled:{session.Id}:{personId}", Message, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A simultaneous cancel queued the same keys first: that one did the work.
            db.ChangeTracker.Clear();
            if (await db.Sessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.Status == SessionStatus.Cancelled, ct))
            {
                return Result<int>.Ok(0);
            }

            throw;
        }

        return Result<int>.Ok(queued);
    }
}
