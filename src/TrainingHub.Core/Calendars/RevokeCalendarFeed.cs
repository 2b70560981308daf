using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Calendars;

/// <summary>Revokes the signed-in person's calendar feed: the address answers 404 from now on. Audited as "CalendarFeedRevoked".</summary>
public static class RevokeCalendarFeed
{
    public const string Audited = "CalendarFeedRevoked";

    public static async Task<Result<bool>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var feed = scope.PersonId is { } personId ? await db.CalendarFeeds.FirstOrDefaultAsync(f => f.PersonId == personId, ct) : null;
        if (feed is null)
        {
            return Error.NotFound("", "Calendar.NoFeed");
        }

        db.CalendarFeeds.Remove(feed);
        await AccountAudit.RecordAsync(db, time, scope.UserId, Audited, ct);
        return Result<bool>.Ok(true);
    }
}
