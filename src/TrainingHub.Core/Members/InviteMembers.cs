using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Members;

/// <summary>
/// Invites every member of a programme who has no account (the action on the member list), through
/// <see cref="InvitePeople"/>: one invitation e-mail each through the outbox, audited. An administrator of the programme's
/// owner reaches members of any organisation. Idempotent: members whose earlier link still works are counted, not sent
/// again, so a second click (or two clicks at once) queues nothing new.
/// </summary>
public static class InviteMembers
{
    public static async Task<Result<InvitationReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time, InvitationSettings settings,
        string publicUrl, int programmeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.IsAdministrator)
        {
            return Error.Forbidden("", "Invitation.NotAllowed");
        }

        if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return Error.NotFound("", "Programme.NotFound");
        }

        var members = db.People.Where(p => db.ProgrammeMembers.Any(m => m.ProgrammeId == programmeId && m.PersonId == p.Id));
        var ids = await members.AsNoTracking().Where(p => p.AnonymizedAt == null && !db.Users.Any(u => u.PersonId == p.Id))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(InvitePeople.MaxPeople).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return Result<InvitationReport>.Ok(new InvitationReport(0, 0, 0));
        }

        try
        {
            return await InvitePeople.HandleAsync(db, scope, members, actor, time, settings, publicUrl, ids, InvitationSource.Programme, resend: false, ct);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            // A second click running at the same time invited some of them first (one invitation per person): ask again,
            // and those now count as already invited.
            db.ChangeTracker.Clear();
            return await InvitePeople.HandleAsync(db, scope, members, actor, time, settings, publicUrl, ids, InvitationSource.Programme, resend: false, ct);
        }
    }
}
