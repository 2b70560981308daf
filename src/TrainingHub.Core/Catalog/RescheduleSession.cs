using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>New start and end of one session (São Paulo wall-clock times, or UTC when marked so).</summary>
public sealed record RescheduleRequest(DateTime? StartsAt, DateTime? EndsAt);

/// <summary>Moves one session (of a webinar series or a class) to a new time; a cancelled session stays cancelled.</summary>
public static class RescheduleSession
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int sessionId, RescheduleRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        var session = await db.Sessions.InScope(scope).SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return Result<int>.Fail("", SaveSession.NotFound);
        }

        var errors = new List<FieldError>();
        if (session.Status == SessionStatus.Cancelled)
        {
            errors.Add(new("", "Session.IsCancelled"));
        }

        var (starts, ends) = SaveSession.Times(errors, r.StartsAt, r.EndsAt);
        if (errors.Count > 0)
        {
            return Result<int>.Fail(errors);
        }

        session.StartsAt = starts!.Value;
        session.EndsAt = ends!.Value;
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(session.Id);
    }
}
