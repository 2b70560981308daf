using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace TrainingHub.Web.Features.Accounts.Account;

/// <summary>
/// Sign-in through an OpenID Connect provider (section <c>Oidc</c>), gov.br by default names: the authorization code
/// flow with PKCE, the answer in the query string, the person found by the CPF claim. Off unless
/// <c>Oidc:Enabled</c> and an authority and client id are set. <c>Accounts:LocalPasswords</c> false turns the
/// password form off for the installation.
/// </summary>
public sealed record OidcSettings
{
    public const string Scheme = "oidc";

    public bool Enabled { get; init; }
    public string Authority { get; init; } = "https://sso.acesso.gov.br";
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }

    /// <summary>Space-separated; gov.br's defaults.</summary>
    public string Scopes { get; init; } = "openid email profile";

    /// <summary>The claim holding the CPF: gov.br's subject is the CPF itself.</summary>
    public string CpfClaim { get; init; } = "sub";
    public string EmailClaim { get; init; } = "email";
    public string NameClaim { get; init; } = "name";

    /// <summary>What the sign-in button names.</summary>
    public string DisplayName { get; init; } = "gov.br";

    public bool RequireHttpsMetadata { get; init; } = true;

    /// <summary>A first sign-in of a known person without an account creates their trainee account.</summary>
    public bool CreateAccounts { get; init; } = true;

    public bool LocalPasswords { get; init; } = true;

    public bool IsOn => Enabled && !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    public static OidcSettings From(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = config.GetSection("Oidc").Get<OidcSettings>() ?? new OidcSettings();
        // Passwords can only be turned off where another way in exists.
        return settings with { LocalPasswords = config.GetValue("Accounts:LocalPasswords", true) || !settings.IsOn };
    }
}

public static class OidcSetup
{
    /// <summary>Where a failed or refused external sign-in lands: the sign-in page, with the reason in words.</summary>
    public const string FailedRedirect = "/account/login?external=failed";

    public static void AddOidc(this AuthenticationBuilder auth, OidcSettings settings)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(settings);
        auth.Services.AddSingleton(settings);
        if (!settings.IsOn)
        {
            return;
        }

        auth.AddOpenIdConnect(OidcSettings.Scheme, settings.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be
            // SameSite=Lax and need no https on a loopback test server.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.CallbackPath = "/signin-oidc";
            o.Scope.Clear();
            foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                o.Scope.Add(scope);
            }

            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            }

            o.Events.OnRemoteFailure = ctx =>
            {
                // A wrong or replayed state, a code the provider no longer accepts, a denied consent: one answer.
                ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TrainingHub.Oidc")
                    .LogWarning("External sign-in failed: {Reason}", ctx.Failure?.Message);
                ctx.Response.Redirect(FailedRedirect);
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}
