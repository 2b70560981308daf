using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

public sealed record AcceptInvitationRequest(int? InvitationId, string? Token, string? NewPassword);

/// <summary>Who the invitation is for, shown on the page that accepts it.</summary>
public sealed record InvitationPreview(string Name, string Email);

/// <summary>
/// Accepting an invitation: the person chooses a passphrase (the same rules as every password) and gets a trainee account
/// linked to them, signing in with their e-mail. An unknown, altered, used or expired link all answer the same "link no
/// longer valid". The invitation is claimed with a conditional update, so two submissions of one link make one account.
/// </summary>
public static class AcceptInvitation
{
    public const string Accepted = "InvitationAccepted";

    private sealed record Valid(Invitation Invitation, int PersonId, string FullName, string Email, string Language, int OrganizationId);

    /// <summary>The person a still valid link is for; the same "link no longer valid" otherwise.</summary>
    public static async Task<Result<InvitationPreview>> PreviewAsync(TrainingHubDbContext db, TimeProvider time, int? invitationId, string? token, CancellationToken ct)
    {
        var valid = await FindAsync(db, time, invitationId, token, ct);
        return valid is null ? Error.Conflict("Token", "Invitation.LinkInvalid") : Result<InvitationPreview>.Ok(new InvitationPreview(valid.FullName, valid.Email));
    }

    public static async Task<Result<string>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, TimeProvider time, AcceptInvitationRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(r);
        if (await FindAsync(db, time, r.InvitationId, r.Token, ct) is not { } valid)
        {
            return Error.Conflict(nameof(r.Token), "Invitation.LinkInvalid");
        }

        if (await users.FindByEmailAsync(valid.Email) is not null)
        {
            // Someone else signs in with this address: an administrator must correct the person's e-mail first.
            return Error.Conflict(nameof(r.Token), "Invitation.EmailTaken");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var user = ApplicationUser.ForPerson(valid.PersonId, valid.Email, valid.FullName, valid.OrganizationId, valid.Language, now);
        var errors = new List<FieldError>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, r.NewPassword ?? "");
            errors.AddRange(IdentityErrors.ToFields(nameof(r.NewPassword), check.Errors, users.Options));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hash = valid.Invitation.TokenHash;
        var claimed = await db.Invitations.Where(i => i.Id == valid.Invitation.Id && i.AcceptedAt == null && i.TokenHash == hash)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
        if (claimed == 0)
        {
            return Error.Conflict(nameof(r.Token), "Invitation.LinkInvalid");
        }

        var created = await users.CreateAsync(user, r.NewPassword!);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Trainee);
        }

        if (!created.Succeeded)
        {
            // The person got an account or the address was taken meanwhile: nothing is kept.
            return Error.Conflict(nameof(r.Token), "Invitation.LinkInvalid");
        }

        await db.Invitations.Where(i => i.Id == valid.Invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedUserId, user.Id), ct);
        await AccountAudit.RecordAsync(db, time, user.Id, Accepted, ct, details: new { invitationId = valid.Invitation.Id, personId = valid.PersonId });
        await tx.CommitAsync(ct);
        return Result<string>.Ok(user.Id);
    }

    private static async Task<Valid?> FindAsync(TrainingHubDbContext db, TimeProvider time, int? invitationId, string? token, CancellationToken ct)
    {
        if (invitationId is not { } id || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.Invitations.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new { Invitation = i, i.Person!.FullName, i.Person.Email, i.Person.PreferredLanguage, i.Person.OrganizationId, i.Person.AnonymizedAt })
            .FirstOrDefaultAsync(ct);
        // The hash is compared (in constant time) before anything else is looked at.
        if (found is null || !InvitationTokens.Matches(token, found.Invitation.TokenHash)
            || found.Invitation.AcceptedAt is not null || found.Invitation.ExpiresAt <= now || found.AnonymizedAt is not null
            || await db.Users.AnyAsync(u => u.PersonId == found.Invitation.PersonId, ct))
        {
            return null;
        }

        return new Valid(found.Invitation, found.Invitation.PersonId, found.FullName, found.Email, found.PreferredLanguage, found.OrganizationId);
    }
}
