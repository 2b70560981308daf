using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Self-registration requests nobody confirmed keep nothing longer than needed: once the confirmation link has expired
/// the passphrase's hash is cleared (the request can no longer become an account), and after
/// <see cref="KeepDays"/> more days the row itself goes (a CPF, a name and an e-mail address nobody vouched for).
/// Requests that were confirmed stay: they await an administrator or record a decision (their hash is cleared on the
/// decision). Running again changes nothing. Returns the number of requests changed or deleted.
/// </summary>
public static class PurgeRegistrationRequests
{
    public const int KeepDays = 30;

    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var unconfirmed = db.RegistrationRequests.Where(r => r.Status == RegistrationStatus.Unconfirmed);
        var deleted = await unconfirmed.Where(r => r.ExpiresAt <= now.AddDays(-KeepDays)).ExecuteDeleteAsync(ct);
        var cleared = await unconfirmed.Where(r => r.ExpiresAt <= now && r.PasswordHash != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PasswordHash, (string?)null), ct);
        return deleted + cleared;
    }
}
