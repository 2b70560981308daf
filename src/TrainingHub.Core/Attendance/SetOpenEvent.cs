using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

public sealed record SetOpenEventOutcome(int SessionId, bool OpenEvent);

/// <summary>
/// Marks a session of a webinar series, meeting or event as open (people without an account may check in on the guest
/// page with the code shown on screen) or no longer open. An instructor of the series or an administrator in scope;
/// a class's session is refused (its people are enrolled). Audited: one entry on the session, before and after.
/// </summary>
public static class SetOpenEvent
{
    public const string Action = "OpenEventChanged";

    public static async Task<Result<SetOpenEventOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time,
        int sessionId, bool open, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(actor);
        if (!await RosterAccess.MayRecordAsync(db, scope, sessionId, ct))
        {
            return Error.NotFound(nameof(sessionId), "Attendance.SessionNotFound");
        }

        var session = await db.Sessions.Include(s => s.Offering).SingleAsync(s => s.Id == sessionId, ct);
        if (session.Offering is not WebinarSeries)
        {
            return Error.Validation(nameof(open), "OpenEvent.NotSeries");
        }

        if (session.Status == SessionStatus.Cancelled)
        {
            return Error.Conflict(nameof(open), "Attendance.SessionCancelled");
        }

        if (session.OpenEvent == open)
        {
            return Result<SetOpenEventOutcome>.Ok(new SetOpenEventOutcome(sessionId, open));
        }

        session.OpenEvent = open;
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = AuditChain.Truncate(time.GetUtcNow().UtcDateTime),
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Action = Action,
            EntityType = nameof(Session),
            EntityId = sessionId.ToString(CultureInfo.InvariantCulture),
            BeforeJson = JsonSerializer.Serialize(new { openEvent = !open }),
            AfterJson = JsonSerializer.Serialize(new { openEvent = open }),
        });
        await db.SaveChangesAsync(ct);
        return Result<SetOpenEventOutcome>.Ok(new SetOpenEventOutcome(sessionId, open));
    }
}
