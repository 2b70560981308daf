using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Invites every person of an organisation in the administrator's scope (optionally with the organisations under it)
/// who has no account, through <see cref="InvitePeople"/>: used when an organisation is enrolled in an offering.
/// </summary>
public static class InviteOrganization
{
    public static async Task<Result<InvitationReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time, InvitationSettings settings,
        string publicUrl, int organizationId, bool includeSubOrganizations, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var org = await db.Organizations.AsNoTracking().InScope(scope).Where(o => o.Id == organizationId).Select(o => new { o.Id, o.Path }).FirstOrDefaultAsync(ct);
        if (org is null)
        {
            return Error.NotFound("OrganizationId", "Organization.NotFound");
        }

        var ids = await db.People.AsNoTracking().InScope(scope)
            .Where(p => p.AnonymizedAt == null && (includeSubOrganizations ? p.Organization!.Path.StartsWith(org.Path) : p.OrganizationId == org.Id)
                && !db.Users.Any(u => u.PersonId == p.Id))
            .Select(p => p.Id).ToListAsync(ct);
        return ids.Count == 0
            ? Result<InvitationReport>.Ok(new InvitationReport(0, 0, 0))
            : await InvitePeople.HandleAsync(db, scope, actor, time, settings, publicUrl, ids, InvitationSource.Organization, resend: false, ct);
    }
}
