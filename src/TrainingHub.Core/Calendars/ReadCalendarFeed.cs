using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Calendars;

/// <summary>
/// The text of a personal calendar feed, for calendar applications polling it without signing in: the person's sessions
/// from 60 days back to a year ahead (cancelled ones as STATUS:CANCELLED), in their language. Two queries: the feed with
/// its person, then the sessions. Null (404) for an unknown id, a wrong or regenerated token, a revoked feed or an
/// anonymised person.
/// </summary>
public static class ReadCalendarFeed
{
    public static async Task<string?> HandleAsync(TrainingHubDbContext db, int feedId, string? token, TimeProvider time, IStringLocalizer text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(text);
        var feed = await db.CalendarFeeds.AsNoTracking().Where(f => f.Id == feedId && f.Person!.AnonymizedAt == null)
            .Select(f => new { f.PersonId, f.TokenHash, f.Person!.PreferredLanguage }).FirstOrDefaultAsync(ct);
        if (feed is null || !CalendarFeed.Matches(token, feed.TokenHash))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (from, to) = CalendarFeed.Window(now);
        var sessions = await PersonSessions.ListAsync(db, feed.PersonId, from, to, ct);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Languages.IsSupported(feed.PreferredLanguage) ? feed.PreferredLanguage : Languages.Portuguese);
        try
        {
            var events = sessions
                .Select(s => (new CalendarSession(s.SessionId, s.Sequence, s.Title, s.StartsAt, s.EndsAt, s.Place, s.StreamUrl).Event(s.Offering, text), s.Cancelled))
                .ToList();
            return ICalendar.WritePublished(text["Calendar.FeedName"], now, events);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
