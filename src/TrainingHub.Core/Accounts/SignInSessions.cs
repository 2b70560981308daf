using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <summary>Starts, checks and ends browser sessions (<see cref="SignInSession"/>).</summary>
public static class SignInSessions
{
    /// <summary>No session outlives this, active or not; older rows are deleted when their owner signs in again.</summary>
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    /// <summary>Records a new session for the user and returns the key the cookie carries (256 random bits).</summary>
    public static async Task<string> StartAsync(TrainingHubDbContext db, string userId, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var expired = now - Absolute;
        await db.SignInSessions.Where(s => s.UserId == userId && (s.StartedAt < expired || s.EndedAt != null)).ExecuteDeleteAsync(ct);
        var key = ApiTokenFormat.NewToken();
        db.SignInSessions.Add(new SignInSession { UserId = userId, KeyHash = ApiTokenFormat.Hash(key), StartedAt = now });
        await AccountAudit.RecordAsync(db, time, userId, AccountAudit.SignIn, ct);
        return key;
    }

    /// <summary>True while the session with this key has not been ended.</summary>
    public static Task<bool> IsLiveAsync(TrainingHubDbContext db, string userId, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hash = ApiTokenFormat.Hash(key);
        return db.SignInSessions.AnyAsync(s => s.KeyHash == hash && s.UserId == userId && s.EndedAt == null, ct);
    }

    /// <summary>Ends the account's session with this key (signing out), recorded in the audit trail when it was still live.</summary>
    public static async Task EndAsync(TrainingHubDbContext db, string userId, string key, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hash = ApiTokenFormat.Hash(key);
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.SignInSessions.Where(s => s.KeyHash == hash && s.UserId == userId && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct) > 0)
        {
            await AccountAudit.RecordAsync(db, time, userId, AccountAudit.SignOut, ct);
        }
    }

    /// <summary>Ends every session of the account (sign out everywhere, a password reset, a lock). API tokens are not sessions and stay.</summary>
    public static async Task<int> EndAllAsync(TrainingHubDbContext db, string userId, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.SignInSessions.Where(s => s.UserId == userId && s.EndedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
    }
}
