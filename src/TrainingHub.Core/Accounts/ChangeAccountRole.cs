using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

public sealed record ChangeAccountRoleRequest(string UserId, string? Role, bool Locked);

/// <summary>
/// Sets an account's role and whether it is locked. Takes effect within a minute: the sign-in cookie's claims are
/// rebuilt at the next security-stamp check, and a locked account's stamp change signs it out.
/// </summary>
public static class ChangeAccountRole
{
    public static async Task<Result<bool>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, ReaderScope admin, TimeProvider time, ChangeAccountRoleRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(r);
        var user = await users.Users.InScope(admin).FirstOrDefaultAsync(u => u.Id == r.UserId, ct);
        if (user is null)
        {
            return Error.NotFound(nameof(r.UserId), "Account.NotFound");
        }

        if (r.Role is null || !Roles.All.Contains(r.Role))
        {
            return Error.Validation(nameof(r.Role), "Account.RoleInvalid");
        }

        if (user.Id == admin.UserId && (r.Locked || r.Role != Roles.Administrator))
        {
            return Error.Validation(nameof(r.Role), "Account.CannotDemoteSelf");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await users.GetRolesAsync(user);
        var outcome = await users.RemoveFromRolesAsync(user, current.Where(c => c != r.Role));
        if (outcome.Succeeded && !current.Contains(r.Role))
        {
            outcome = await users.AddToRoleAsync(user, r.Role);
        }

        if (outcome.Succeeded)
        {
            outcome = await users.SetLockoutEndDateAsync(user, r.Locked ? AccountLock.Indefinite : null);
        }

        if (outcome.Succeeded && r.Locked)
        {
            outcome = await users.UpdateSecurityStampAsync(user);
            await SignInSessions.EndAllAsync(db, user.Id, time, ct);
        }

        if (!outcome.Succeeded)
        {
            return Error.Validation(IdentityErrors.ToFields(nameof(r.Role), outcome.Errors, users.Options));
        }

        await tx.CommitAsync(ct);
        return Result<bool>.Ok(true);
    }
}
