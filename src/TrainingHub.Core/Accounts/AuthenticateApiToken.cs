using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <summary>Finds the live token with this value and returns its owner, unless an administrator locked the account (failed sign-ins do not stop tokens); records when it was last used (at most once a minute).</summary>
public static class AuthenticateApiToken
{
    public static async Task<ApplicationUser?> HandleAsync(TrainingHubDbContext db, string token, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!token.StartsWith(ApiTokenFormat.Marker, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        var hash = ApiTokenFormat.Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        var row = await db.ApiTokens.Include(t => t.User)
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), ct);
        if (row?.User is null || AccountLock.IsIndefinite(row.User.LockoutEnd, time.GetUtcNow()))
        {
            return null;
        }

        if (row.LastUsedAt is null || now - row.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            await db.ApiTokens.Where(t => t.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return row.User;
    }
}
