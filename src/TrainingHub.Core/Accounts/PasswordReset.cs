using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts.Messages;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Queues a password-reset link for an account. The link carries Identity's reset token: nothing of it is stored,
/// it expires (<see cref="ValidHours"/>) and it works once, since setting the password changes the security stamp
/// it is bound to. At most <see cref="PerHour"/> links an hour go to one account, whoever asks.
/// </summary>
public static class PasswordReset
{
    public const int PerHour = 3;
    public const int ValidHours = 2;
    private const string KeyPrefix = "PasswordResetLink:";

    /// <summary>Queues the link; false when the account had its links for this hour, or may not sign in at all.</summary>
    public static async Task<bool> QueueLinkAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, ApplicationUser user, string publicUrl, IAuditActor? administrator, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow().UtcDateTime;
        if (user.Email is null || AccountLock.IsIndefinite(user.LockoutEnd, time.GetUtcNow()))
        {
            return false;
        }

        var prefix = KeyPrefix + user.Id + ":";
        var since = now.AddHours(-1);
        if (await db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith(prefix) && m.CreatedAt >= since, ct) >= PerHour)
        {
            return false;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{publicUrl.TrimEnd('/')}/account/reset?u={Uri.EscapeDataString(user.Id)}&t={Uri.EscapeDataString(token)}";
        Outbox.Add(db, user.PersonId, user.Email, user.PreferredLanguage, prefix + now.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new PasswordResetLink(user.DisplayName, link, ValidHours, administrator is not null), now);
        // The queued message and its audit entry are saved together; the entry says who asked, never the link.
        await AccountAudit.RecordAsync(db, time, user.Id, AccountAudit.ResetLinkSent, ct, administrator, new { byAdministrator = administrator is not null });
        return true;
    }
}
