using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

/// <summary>An organisation a guest may choose: its name and state, as the picker lists them.</summary>
public sealed record GuestOrganization(int Id, string Name, string? State);

/// <summary>The guest page: the open event named by the link (when it is one, with a window open now) and the organisations to choose from.</summary>
public sealed record GuestCheckInPage(int? SessionId, string? Session, string? Offering, DateTime? StartsAt, bool OpenNow, IReadOnlyList<GuestOrganization> Organizations);

/// <summary>
/// What the public check-in page of an open event shows before anyone types: the session (only an open event's: any
/// other session id is treated as unknown, so the page says nothing about it) and the active organisations by name.
/// </summary>
public static class GetGuestCheckInPage
{
    public static async Task<GuestCheckInPage> HandleAsync(TrainingHubDbContext db, TimeProvider time, int? sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var session = sessionId is not { } id ? null : await db.Sessions.AsNoTracking()
            .Where(s => s.Id == id && s.OpenEvent && s.Status == SessionStatus.Scheduled)
            .Select(s => new
            {
                s.Id,
                s.Title,
                Offering = s.Offering!.Title,
                s.StartsAt,
                OpenNow = db.CheckInWindows.Any(w => w.SessionId == s.Id && w.OpensAt <= now && w.ClosesAt > now),
            }).FirstOrDefaultAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Where(o => o.IsActive)
            .OrderBy(o => o.NameKey).ThenBy(o => o.Id)
            .Select(o => new GuestOrganization(o.Id, o.Name, o.State)).ToListAsync(ct);
        return new GuestCheckInPage(session?.Id, session?.Title, session?.Offering, session?.StartsAt, session?.OpenNow ?? false, organizations);
    }
}
