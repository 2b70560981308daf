using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Catalog;

/// <summary>
/// Cancels a whole class or webinar series (and its sessions still to come) and, in the same save, queues an
/// "OfferingCancelled" message to everyone enrolled, carrying a calendar cancellation of the sessions each person was
/// already invited to. Cancelling again queues nothing. Returns how many messages were queued.
/// </summary>
public static class CancelOffering
{

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var offering = await db.Offerings.InScope(scope).SingleOrDefaultAsync(o => o.Id == offeringId, ct);
        if (offering is null)
        {
            return Error.NotFound("", OfferingFields.NotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        offering.Status = OfferingStatus.Cancelled;
        var invitations = new Dictionary<int, List<CalendarSession>>();
        var streamFallback = (offering as WebinarSeries)?.ChannelUrl;
        foreach (var s in await db.Sessions.Where(s => s.OfferingId == offeringId && s.Status == SessionStatus.Scheduled && s.StartsAt > now).ToListAsync(ct))
        {
            s.Status = SessionStatus.Cancelled;
            s.Sequence++;
            await SessionInvitations.CancelPendingRemindersAsync(db, s.Id, "Superseded: the class was cancelled.", ct);
            var fields = SessionInvitations.SessionFields(s, s.Place ?? offering.Place, s.StreamUrl ?? streamFallback);
            foreach (var personId in await SessionInvitations.InvitedAsync(db, s.Id, ct))
            {
                if (!invitations.TryGetValue(personId, out var list))
                {
                    invitations[personId] = list = [];
                }

                list.Add(fields);
            }
        }

        OfferingCancelled Message(int personId) => new(offering.Title, offering.Code, offering.StartsOn, offering.EndsOn, offering.Place, now,
            invitations.TryGetValue(personId, out var list) ? list : []);
        var queued = await CancellationNotices.QueueAsync(db, offering.Id, personId => $"offering-cancelled:{offering.Id}:{personId}", Message, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Offerings.AsNoTracking().AnyAsync(o => o.Id == offeringId && o.Status == OfferingStatus.Cancelled, ct))
            {
                return Result<int>.Ok(0);
            }

            throw;
        }

        return Result<int>.Ok(queued);
    }
}
