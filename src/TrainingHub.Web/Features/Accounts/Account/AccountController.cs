using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
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

[Route("account")]
public sealed class AccountController(SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("login")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [AllowAnonymous]
    public async Task<IActionResult> Login(LoginForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await users.FindByEmailAsync(form.Email!);
        var outcome = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, form.Password!, lockoutOnFailure: true);
        if (outcome.IsLockedOut)
        {
            ModelState.AddModelError("", t["Login.LockedOut"]);
            return View(form);
        }

        if (!outcome.Succeeded)
        {
            ModelState.AddModelError("", t["Login.Failed"]);
            return View(form);
        }

        var authTime = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await signIn.SignInWithClaimsAsync(user!, isPersistent: false, [new Claim(ThClaims.AuthTime, authTime)]);
        return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl : "/");
    }

    [HttpPost("logout")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/login");
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
            new CookieOptions { Expires = time.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredLanguage != culture)
        {
            user.PreferredLanguage = culture;
            await users.UpdateAsync(user);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
