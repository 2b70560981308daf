using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

public sealed record ResetPasswordRequest(string? UserId, string? Token, string? NewPassword);

/// <summary>
/// Sets a new password through a reset link. An unknown account, a used, expired or altered link all answer the same
/// "link no longer valid". Afterwards every session of the account is signed out and a failed-sign-in lock is lifted.
/// </summary>
public static class ResetPassword
{
    public static async Task<Result<bool>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, TimeProvider time, ResetPasswordRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(r);
        var user = string.IsNullOrEmpty(r.UserId) ? null : await users.Users.FirstOrDefaultAsync(u => u.Id == r.UserId, ct);
        if (user is null || string.IsNullOrEmpty(r.Token) || AccountLock.IsIndefinite(user.LockoutEnd, time.GetUtcNow())
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, r.Token))
        {
            return Error.Conflict(nameof(r.Token), "Password.LinkInvalid");
        }

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

        var outcome = await users.ResetPasswordAsync(user, r.Token, r.NewPassword!);
        if (!outcome.Succeeded)
        {
            return Error.Conflict(nameof(r.Token), "Password.LinkInvalid");
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        var ended = await SignInSessions.EndAllAsync(db, user.Id, time, ct);
        await AccountAudit.RecordAsync(db, time, user.Id, AccountAudit.PasswordReset, ct, details: new { sessionsEnded = ended });
        return Result<bool>.Ok(true);
    }
}
