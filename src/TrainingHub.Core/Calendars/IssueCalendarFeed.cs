using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Calendars;

/// <summary>A new feed address: its id and the token, shown once (only its hash is kept).</summary>
public sealed record IssuedCalendarFeed(int Id, string Token)
{
    public string Path => CalendarFeed.Path(Id, Token);
}

/// <summary>
/// Creates the signed-in person's calendar feed, or regenerates it (a new token: the old address stops working).
/// Audited on the person's account as "CalendarFeedIssued", without the token.
/// </summary>
public static class IssueCalendarFeed
{
    public const string Audited = "CalendarFeedIssued";

    public static async Task<Result<IssuedCalendarFeed>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(time);
        if (scope.PersonId is not { } personId || !await db.People.AnyAsync(p => p.Id == personId && p.AnonymizedAt == null, ct))
        {
            return Error.NotFound("", "Calendar.NoPerson");
        }

        try
        {
            return await IssueAsync(db, scope, personId, time, ct);
        }
        catch (DbUpdateException)
        {
            // Two first requests at once (a double click): the other created the row; this one regenerates it.
            db.ChangeTracker.Clear();
            return await IssueAsync(db, scope, personId, time, ct);
        }
    }

    private static async Task<Result<IssuedCalendarFeed>> IssueAsync(TrainingHubDbContext db, ReaderScope scope, int personId, TimeProvider time, CancellationToken ct)
    {
        var token = CalendarFeed.NewToken();
        var now = time.GetUtcNow().UtcDateTime;
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.PersonId == personId, ct);
        var regenerated = feed is not null;
        if (feed is null)
        {
            feed = new CalendarFeed { PersonId = personId, TokenHash = CalendarFeed.Hash(token), CreatedAt = now };
            db.CalendarFeeds.Add(feed);
        }
        else
        {
            feed.TokenHash = CalendarFeed.Hash(token);
            feed.CreatedAt = now;
        }

        await AccountAudit.RecordAsync(db, time, scope.UserId, Audited, ct, details: new { regenerated });
        return Result<IssuedCalendarFeed>.Ok(new IssuedCalendarFeed(feed.Id, token));
    }
}
