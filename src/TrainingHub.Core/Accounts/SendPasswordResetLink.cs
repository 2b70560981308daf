using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <summary>An administrator sends a reset link to an account in their scope; they never see or set the password.</summary>
public static class SendPasswordResetLink
{
    public static async Task<Result<bool>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, ReaderScope admin, IAuditActor actor, string userId, string publicUrl, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(admin);
        var user = await users.Users.InScope(admin).FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Error.NotFound("UserId", "Account.NotFound");
        }

        return await PasswordReset.QueueLinkAsync(db, users, user, publicUrl, actor, time, ct)
            ? Result<bool>.Ok(true)
            : Error.RateLimited(TimeSpan.FromHours(1), "UserId", "Password.TooManyLinks", PasswordReset.PerHour);
    }
}
