using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>
/// Cancels one session and, in the same save, queues a "SessionCancelled" message to everyone enrolled. Cancelling
/// again (a double click) changes nothing and queues nothing. Returns how many messages were queued.
/// </summary>
public static class CancelSession
{
    public const string MessageType = "SessionCancelled";

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var session = await db.Sessions.InScope(scope).Include(s => s.Offering).SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return Result<int>.Fail("", SaveSession.NotFound);
        }

        if (session.Status == SessionStatus.Closed)
        {
            return Result<int>.Fail("", "Session.AlreadyClosed");
        }

        var now = time.GetUtcNow().UtcDateTime;
        session.Status = SessionStatus.Cancelled;
        var payload = new
        {
            sessionId = session.Id,
            sessionTitle = session.Title,
            offeringId = session.OfferingId,
            offeringCode = session.Offering!.Code,
            offeringTitle = session.Offering.Title,
            startsAt = session.StartsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            endsAt = session.EndsAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            place = session.Place ?? session.Offering.Place,
            streamUrl = session.StreamUrl,
        };
        var queued = await CancellationNotices.QueueAsync(db, session.OfferingId, MessageType, personId => $"session-cancelled:{session.Id}:{personId}", payload, now, ct);
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
