using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Invites one person from their page or the API, or sends their invitation again (<paramref name="resend"/>: a new link,
/// the earlier one stops working). A person with an account, or with a link that still works when not resending, is refused.
/// </summary>
public static class InvitePerson
{
    public static async Task<Result<InvitationReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time, InvitationSettings settings,
        string publicUrl, int personId, InvitationSource source, bool resend, CancellationToken ct)
    {
        var result = await InvitePeople.HandleAsync(db, scope, actor, time, settings, publicUrl, [personId], source, resend, ct);
        if (!result.Succeeded)
        {
            return result;
        }

        return result.Value! switch
        {
            { HaveAccount: > 0 } => Error.Conflict("PersonId", "Invitation.HasAccount"),
            { AlreadyInvited: > 0 } => Error.Conflict("PersonId", "Invitation.AlreadySent"),
            _ => result,
        };
    }
}
