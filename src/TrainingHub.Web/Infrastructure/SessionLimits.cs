using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Sessions end after 30 minutes idle (sliding cookie), 12 hours after sign-in whatever happens, and when they are
/// ended on the server (sign out, sign out everywhere, a lock): the cookie's session key must name a live
/// <see cref="SignInSession"/>.
/// </summary>
public static class SessionLimits
{
    public static TimeSpan Absolute => SignInSessions.Absolute;

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var authTime = context.Principal?.FindFirst(ThClaims.AuthTime)?.Value;
        var key = context.Principal?.FindFirst(ThClaims.Session)?.Value;
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (authTime is null || key is null || userId is null
            || !long.TryParse(authTime, CultureInfo.InvariantCulture, out var seconds)
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > Absolute
            || !await services.GetRequiredService<LiveSessions>().IsLiveAsync(services.GetRequiredService<TrainingHubDbContext>(), userId, key, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

/// <summary>
/// Remembers for a few seconds that a session key is live, so a page does not cost a query per request. Ending a
/// session here forgets everything at once; another app instance notices within <see cref="Remember"/>.
/// </summary>
public sealed class LiveSessions(TimeProvider time)
{
    public static readonly TimeSpan Remember = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, DateTimeOffset> known = new(StringComparer.Ordinal);

    public async Task<bool> IsLiveAsync(TrainingHubDbContext db, string userId, string key, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cacheKey = userId + "\n" + key;
        if (known.TryGetValue(cacheKey, out var until) && until > now)
        {
            return true;
        }

        if (!await SignInSessions.IsLiveAsync(db, userId, key, ct))
        {
            known.TryRemove(cacheKey, out _);
            return false;
        }

        if (known.Count > 100_000)
        {
            known.Clear();
        }

        known[cacheKey] = now + Remember;
        return true;
    }

    public void ForgetAll() => known.Clear();
}
