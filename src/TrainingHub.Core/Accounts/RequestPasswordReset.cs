using Microsoft.AspNetCore.Identity;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// "Forgot my password": queues a reset link when the e-mail names an account that may sign in. The caller answers the
/// same words whatever happened (unknown e-mail, too many links this hour, link queued), so nobody learns which.
/// </summary>
public static class RequestPasswordReset
{
    public static async Task HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, string? email, string publicUrl, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(users);
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || !EmailAddress.IsValid(email) || await users.FindByEmailAsync(email) is not { } user)
        {
            return;
        }

        await PasswordReset.QueueLinkAsync(db, users, user, publicUrl, administrator: null, time, ct);
    }
}
