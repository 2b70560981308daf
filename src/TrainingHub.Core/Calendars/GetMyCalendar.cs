using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Calendars;

/// <summary>A month of the person's calendar: its sessions in order and whether (since when) they have a feed address.</summary>
public sealed record MyCalendar(DateOnly Month, DateOnly Today, IReadOnlyList<CalendarEntry> Sessions, DateTime? FeedCreatedAt)
{
    public DateOnly Previous => Month.AddMonths(-1);
    public DateOnly Next => Month.AddMonths(1);

    /// <summary>The sessions starting on a São Paulo date.</summary>
    public IEnumerable<CalendarEntry> On(DateOnly day) => Sessions.Where(s => DateOnly.FromDateTime(SaoPaulo.ToLocal(s.StartsAt)) == day);
}

/// <summary>
/// The signed-in person's sessions in one São Paulo month (the current one when none is asked): those they are expected
/// at and those they teach, cancelled ones included (shown as such). Not found for an account without a person.
/// </summary>
public static class GetMyCalendar
{
    public static async Task<Result<MyCalendar>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, DateOnly? month, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.PersonId is not { } personId)
        {
            return Error.NotFound("", "Calendar.NoPerson");
        }

        var today = SaoPaulo.Today(time);
        var first = month is { } m ? new DateOnly(m.Year, m.Month, 1) : new DateOnly(today.Year, today.Month, 1);
        var from = SaoPaulo.ToUtc(first.ToDateTime(TimeOnly.MinValue));
        var to = SaoPaulo.ToUtc(first.AddMonths(1).ToDateTime(TimeOnly.MinValue));
        var sessions = await PersonSessions.ListAsync(db, personId, from, to, ct);
        // A session that started the evening before the month and runs into it belongs to the earlier month's grid.
        sessions.RemoveAll(s => s.StartsAt < from);
        var feed = await db.CalendarFeeds.AsNoTracking().Where(f => f.PersonId == personId).Select(f => (DateTime?)f.CreatedAt).FirstOrDefaultAsync(ct);
        return Result<MyCalendar>.Ok(new MyCalendar(first, today, sessions, feed));
    }
}
