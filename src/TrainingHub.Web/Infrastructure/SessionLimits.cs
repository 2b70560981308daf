using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace TrainingHub.Web.Infrastructure;

/// <summary>Sessions end after 30 minutes idle (sliding cookie) and 12 hours after sign-in whatever happens (this check).</summary>
public static class SessionLimits
{
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        var authTime = context.Principal?.FindFirst(ThClaims.AuthTime)?.Value;
        if (authTime is null
            || !long.TryParse(authTime, CultureInfo.InvariantCulture, out var seconds)
            || time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > Absolute)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
