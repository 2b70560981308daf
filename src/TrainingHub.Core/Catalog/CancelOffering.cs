using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>
/// Cancels a whole class or webinar series (and its sessions still to come) and, in the same save, queues an
/// "OfferingCancelled" message to everyone enrolled. Cancelling again queues nothing. Returns how many messages were queued.
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
            return Result<int>.Fail("", OfferingFields.NotFound);
        }

        var now = time.GetUtcNow().UtcDateTime;
        offering.Status = OfferingStatus.Cancelled;
        foreach (var s in await db.Sessions.Where(s => s.OfferingId == offeringId && s.Status == SessionStatus.Scheduled && s.StartsAt > now).ToListAsync(ct))
        {
            s.Status = SessionStatus.Cancelled;
        }

        var payload = new
        {
            offeringId = offering.Id,
            offeringCode = offering.Code,
            offeringTitle = offering.Title,
            startsOn = offering.StartsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            endsOn = offering.EndsOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            place = offering.Place,
        };
        var queued = await CancellationNotices.QueueAsync(db, offering.Id, MessageType, personId => $"offering-cancelled:{offering.Id}:{personId}", payload, now, ct);
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
