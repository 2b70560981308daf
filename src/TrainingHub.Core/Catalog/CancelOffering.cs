using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
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
    public const string MessageType = "OfferingCancelled";

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
        var invitations = new Dictionary<int, List<object>>();
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

        object Payload(int personId) => new
        {
            offeringId = offering.Id,
            offeringCode = offering.Code,
            offeringTitle = offering.Title,
            startsOn = offering.StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            endsOn = offering.EndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            place = offering.Place,
            stamp = SessionInvitations.Iso(now),
            invitations = invitations.TryGetValue(personId, out var list) ? list : [],
        };
        var queued = await CancellationNotices.QueueAsync(db, offering.Id, MessageType, personId => $"offering-cancelled:{offering.Id}:{personId}", Payload, now, ct);
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
