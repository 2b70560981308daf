using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Web.Infrastructure;

public static class ThClaims
{
    public const string PersonId = "th:person";
    public const string ScopeOrganization = "th:scope_org";
    public const string ScopePath = "th:scope_path";
    public const string AuthTime = "th:auth_time";

    /// <summary>The key of the server-side session (<see cref="SignInSession"/>) this cookie belongs to.</summary>
    public const string Session = "th:session";
    public const string Language = "th:lang";

    public static ReaderScope Scope(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ReaderScope(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            int.TryParse(user.FindFirstValue(PersonId), CultureInfo.InvariantCulture, out var p) ? p : null,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            int.TryParse(user.FindFirstValue(ScopeOrganization), CultureInfo.InvariantCulture, out var o) ? o : null,
            user.FindFirstValue(ScopePath));
    }
}

/// <summary>Adds the person, the scope organisation (with its path) and the language to the principal; rebuilt at every security-stamp check.</summary>
public sealed class ThClaimsPrincipalFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, TrainingHubDbContext db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("name", user.DisplayName));
        identity.AddClaim(new Claim(ThClaims.Language, user.PreferredLanguage));
        if (user.PersonId is { } personId)
        {
            identity.AddClaim(new Claim(ThClaims.PersonId, personId.ToString(CultureInfo.InvariantCulture)));
        }

        if (user.ScopeOrganizationId is { } orgId)
        {
            var path = await db.Organizations.AsNoTracking().Where(o => o.Id == orgId).Select(o => o.Path).SingleAsync();
            identity.AddClaim(new Claim(ThClaims.ScopeOrganization, orgId.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(ThClaims.ScopePath, path));
        }

        return identity;
    }
}
