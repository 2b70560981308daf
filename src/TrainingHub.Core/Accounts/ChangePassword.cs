using Microsoft.AspNetCore.Identity;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>"Change my password": the current one is required; every other session of the account is signed out.</summary>
public static class ChangePassword
{
    public static async Task<Result<bool>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, string userId, TimeProvider time, ChangePasswordRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(r);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Error.NotFound("UserId", "Account.NotFound");
        }

        // Every refused field at once: a wrong current password and a weak new one are both named.
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(r.CurrentPassword) || !await users.CheckPasswordAsync(user, r.CurrentPassword))
        {
            errors.Add(new(nameof(r.CurrentPassword), "Identity.PasswordMismatch"));
        }

        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, r.NewPassword ?? "");
            errors.AddRange(IdentityErrors.ToFields(nameof(r.NewPassword), check.Errors, users.Options));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var outcome = await users.ChangePasswordAsync(user, r.CurrentPassword!, r.NewPassword!);
        if (!outcome.Succeeded)
        {
            return Error.Validation(IdentityErrors.ToFields(nameof(r.NewPassword), outcome.Errors, users.Options));
        }

        var ended = await SignInSessions.EndAllAsync(db, user.Id, time, ct);
        await AccountAudit.RecordAsync(db, time, user.Id, AccountAudit.PasswordChange, ct, details: new { sessionsEnded = ended });
        return Result<bool>.Ok(true);
    }
}
