using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Accounts.Account;

public sealed class LoginForm
{
    [Required(ErrorMessage = "Field.Required")]
    [EmailAddress(ErrorMessage = "Email.Invalid")]
    [Display(Name = "Login.Email")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Field.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Login.Password")]
    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class ForgotForm
{
    [Required(ErrorMessage = "Field.Required")]
    [EmailAddress(ErrorMessage = "Email.Invalid")]
    [Display(Name = "Login.Email")]
    public string? Email { get; set; }
}

public sealed class ResetForm
{
    public string? UserId { get; set; }

    public string? Token { get; set; }

    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }
}

public sealed class PasswordForm
{
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }
}

/// <summary>The account page: the account, whether it shows the organisation an administrator or auditor covers, and how it signs in (in words).</summary>
public sealed record MeViewModel(MyAccount Account, bool ShowsScope, IReadOnlyList<string> SignInMethods);

[Route("account")]
public sealed class AccountController(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, TrainingHubDbContext db, LiveSessions live, IConfiguration config, OidcSettings oidc, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("login")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl, string? external)
    {
        if (external is not null && TempData["ExternalError"] is string reason)
        {
            ModelState.AddModelError("", t[reason, oidc.DisplayName]);
        }
        else if (external is not null)
        {
            ModelState.AddModelError("", t["ExternalLogin.Failed", oidc.DisplayName]);
        }

        return View(new LoginForm { ReturnUrl = returnUrl });
    }

    [HttpPost("login")]
    [AllowAnonymous]
    public async Task<IActionResult> Login(LoginForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!oidc.LocalPasswords)
        {
            ModelState.Clear();
            ModelState.AddModelError("", t["Login.PasswordsOff", oidc.DisplayName]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(form);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await CheckPassword.HandleAsync(users, signIn, form.Email!, form.Password!);
        if (user is null)
        {
            // One message for an unknown e-mail, a wrong password and a locked account: the page tells nobody which.
            ModelState.AddModelError("", t["Login.Failed"]);
            return View(form);
        }

        await SignInAsync(user, HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/");
    }

    /// <summary>Sends the browser to the OpenID Connect provider (gov.br by default); it comes back to <see cref="ExternalDone"/>.</summary>
    [HttpGet("external")]
    [AllowAnonymous]
    public IActionResult External(string? returnUrl)
    {
        if (!oidc.IsOn)
        {
            return NotFound();
        }

        var done = "/account/external/done?returnUrl=" + Uri.EscapeDataString(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        return Challenge(new AuthenticationProperties { RedirectUri = done }, OidcSettings.Scheme);
    }

    /// <summary>
    /// Back from the provider: the account of the person with that CPF (linked, or created where allowed) is signed in
    /// like a password sign-in; anything else goes back to the sign-in page saying why.
    /// </summary>
    [HttpGet("external/done")]
    [AllowAnonymous]
    public async Task<IActionResult> ExternalDone(string? returnUrl, CancellationToken ct)
    {
        if (!oidc.IsOn)
        {
            return NotFound();
        }

        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var principal = external.Principal;
        var subject = principal?.FindFirstValue("sub");
        if (!external.Succeeded || principal is null || string.IsNullOrEmpty(subject))
        {
            return Redirect(OidcSetup.FailedRedirect);
        }

        var identity = new ExternalIdentity(OidcSettings.Scheme, subject, principal.FindFirstValue(oidc.CpfClaim),
            principal.FindFirstValue(oidc.EmailClaim), principal.FindFirstValue(oidc.NameClaim));
        var result = await ExternalSignIn.HandleAsync(db, users, time, identity, oidc.CreateAccounts, ct);
        if (!result.Succeeded)
        {
            TempData["ExternalError"] = result.Errors[0].Code;
            return Redirect(OidcSetup.FailedRedirect);
        }

        await SignInAsync(result.Value!, ct);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    private async Task SignInAsync(ApplicationUser user, CancellationToken ct)
    {
        var session = await SignInSessions.StartAsync(db, user.Id, time, ct);
        var authTime = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(ThClaims.AuthTime, authTime), new Claim(ThClaims.Session, session)]);
    }

    /// <summary>The address people reach the app at: App:PublicUrl, or this request's own.</summary>
    private string PublicUrl() => config["App:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";

    /// <summary>Ends this session on the server too, so a copy of the cookie stops working.</summary>
    [HttpPost("logout")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Logout(CancellationToken ct)
    {
        if (User.FindFirstValue(ThClaims.Session) is { } session)
        {
            await SignInSessions.EndAsync(db, User.FindFirstValue(ClaimTypes.NameIdentifier)!, session, time, ct);
            live.ForgetAll();
        }

        await signIn.SignOutAsync();
        return Redirect("/account/login");
    }

    /// <summary>Ends every session of the signed-in account, on every device; API tokens stay (they are revoked on their own page).</summary>
    [HttpPost("logout-everywhere")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> LogoutEverywhere(CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var ended = await SignInSessions.EndAllAsync(db, userId, time, ct);
        await AccountAudit.RecordAsync(db, time, userId, AccountAudit.SignOutEverywhere, ct, details: new { sessionsEnded = ended });
        live.ForgetAll();
        await signIn.SignOutAsync();
        TempData["Flash"] = t["Login.SignedOutEverywhere"].Value;
        return Redirect("/account/login");
    }

    [HttpGet("forgot")]
    [AllowAnonymous]
    public IActionResult Forgot() => View(new ForgotForm());

    /// <summary>Queues a reset link when the address has an account; the answer is the same either way.</summary>
    [HttpPost("forgot")]
    [AllowAnonymous]
    [EnableRateLimiting(HostSetup.PasswordRateLimit)]
    public async Task<IActionResult> Forgot(ForgotForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!oidc.LocalPasswords)
        {
            ModelState.Clear();
            ModelState.AddModelError("", t["Login.PasswordsOff", oidc.DisplayName]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(form);
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        await RequestPasswordReset.HandleAsync(db, users, form.Email, PublicUrl(), time, ct);
        return View("ForgotSent", form);
    }

    [HttpGet("reset")]
    [AllowAnonymous]
    public IActionResult Reset(string? u, string? t) => View(new ResetForm { UserId = u, Token = t });

    [HttpPost("reset")]
    [AllowAnonymous]
    [EnableRateLimiting(HostSetup.PasswordRateLimit)]
    public async Task<IActionResult> Reset(ResetForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await ResetPassword.HandleAsync(db, users, time, new ResetPasswordRequest(form.UserId, form.Token, form.NewPassword), ct);
        if (!result.Succeeded)
        {
            ModelState.Clear();
            form.NewPassword = null;
            return this.Form(result.Error!, t, () => View(form));
        }

        live.ForgetAll();
        TempData["Flash"] = t["Password.ResetDone"].Value;
        return Redirect("/account/login");
    }

    [HttpGet("password")]
    [Authorize(Policy = Policies.SignedIn)]
    public IActionResult Password() => View(new PasswordForm());

    /// <summary>Changes the password (the current one required), ends every session and starts this one again.</summary>
    [HttpPost("password")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Password(PasswordForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var result = await ChangePassword.HandleAsync(db, users, userId, time, new ChangePasswordRequest(form.CurrentPassword, form.NewPassword), ct);
        if (!result.Succeeded)
        {
            ModelState.Clear();
            return this.Form(result.Error!, t, () => View(new PasswordForm()));
        }

        live.ForgetAll();
        var user = await users.FindByIdAsync(userId);
        await SignInAsync(user!, ct);
        TempData["Flash"] = t["Password.Changed"].Value;
        return Redirect("/account");
    }

    /// <summary>The signed-in person's own account: who they are, how they sign in, the pages of their account menu, and their sessions.</summary>
    [HttpGet("")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Me(CancellationToken ct)
    {
        var scope = User.Scope();
        var result = await GetMyAccount.HandleAsync(db, scope, time, ct);
        if (!result.Succeeded)
        {
            return this.Page(result.Error!);
        }

        var account = result.Value!;
        List<string> methods = account.HasPassword ? [t["Me.SignInPassword"].Value] : [];
        methods.AddRange(account.SignInProviders.Select(p => p == OidcSettings.Scheme ? oidc.DisplayName : p));
        return View(new MeViewModel(account, scope.IsAdministrator || scope.IsAuditor, methods.Count > 0 ? methods : [t["Me.SignInNone"].Value]));
    }

    [HttpGet("denied")]
    [AllowAnonymous]
    public IActionResult Denied() => View("Error", StatusCodes.Status403Forbidden);

    /// <summary>Switches the language (cookie, a year) and, for a signed-in user, remembers it as their preference.</summary>
    [HttpPost("culture")]
    [AllowAnonymous]
    public async Task<IActionResult> Culture(string culture, string? returnUrl)
    {
        if (!Languages.IsSupported(culture))
        {
            return BadRequest();
        }

        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = time.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = Request.IsHttps });
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredLanguage != culture)
        {
            user.PreferredLanguage = culture;
            await users.UpdateAsync(user);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
