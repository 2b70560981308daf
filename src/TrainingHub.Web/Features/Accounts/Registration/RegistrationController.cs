using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Accounts.Registration;

public sealed class RegisterForm
{
    public int? OrganizationId { get; set; }

    public string? Cpf { get; set; }

    public string? FullName { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }
}

public sealed record RegisterViewModel(RegisterForm Form, string? Search, IReadOnlyList<RegistrationOrganization> Matches, RegistrationOrganization? Chosen);

public sealed record ConfirmRegistrationViewModel(int? RequestId, string? Token, RegistrationPreview? Preview, bool HasAccount);

public sealed record RegistrationsViewModel(Page<RegistrationRow> List, RegistrationFilter Filter, PagerModel Pager, IReadOnlyList<(int Id, string Name)> Organizations);

/// <summary>
/// Self-registration: the public "create my account" page and the confirmation of its e-mailed link (both 404 while
/// <c>Accounts:SelfRegistration:Enabled</c> is off), and the administrators' list of confirmed requests with their decisions.
/// </summary>
public sealed class RegistrationController(TrainingHubDbContext db, UserManager<ApplicationUser> users, TimeProvider time, IAuditActor actor, IConfiguration config,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("account/register")]
    [AllowAnonymous]
    public async Task<IActionResult> Register(string? q, int? organizationId, CancellationToken ct)
    {
        var settings = SelfRegistrationSettings.From(config);
        if (!settings.Enabled)
        {
            return NotFound();
        }

        return View(await DrawAsync(settings, new RegisterForm { OrganizationId = organizationId }, q, ct));
    }

    /// <summary>Queues the confirmation link (or where to recover access); the answer is the same either way.</summary>
    [HttpPost("account/register")]
    [AllowAnonymous]
    [EnableRateLimiting(HostSetup.PasswordRateLimit)]
    public async Task<IActionResult> Register([Bind(Prefix = "Form")] RegisterForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var settings = SelfRegistrationSettings.From(config);
        if (!settings.Enabled)
        {
            return NotFound();
        }

        var request = new RegisterRequest(form.Cpf, form.FullName, form.Email, form.OrganizationId, form.Password, CultureInfo.CurrentUICulture.Name);
        var result = await Core.Accounts.Register.HandleAsync(db, users, time, settings, PublicUrl(), request, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear();
            form.Password = null;
            var model = await DrawAsync(settings, form, null, ct);
            return this.Form(result.Error!, t, () => View(model), "Form.");
        }

        return View("RegisterSent", form.Email!.Trim());
    }

    [HttpGet("account/register/confirm")]
    [AllowAnonymous]
    public async Task<IActionResult> Confirm(int? r, [FromQuery(Name = "t")] string? token, CancellationToken ct)
    {
        if (!SelfRegistrationSettings.From(config).Enabled)
        {
            return NotFound();
        }

        var preview = await ConfirmRegistration.PreviewAsync(db, time, r, token, ct);
        if (!preview.Succeeded)
        {
            return this.Form(preview.Error!, t, () => View(new ConfirmRegistrationViewModel(r, token, null, false)));
        }

        return View(new ConfirmRegistrationViewModel(r, token, preview.Value, false));
    }

    /// <summary>Confirms the address: the account opens, or the request waits for an administrator.</summary>
    [HttpPost("account/register/confirm")]
    [AllowAnonymous]
    [EnableRateLimiting(HostSetup.PasswordRateLimit)]
    [ActionName(nameof(Confirm))]
    public async Task<IActionResult> ConfirmPost(int? requestId, string? token, CancellationToken ct)
    {
        var settings = SelfRegistrationSettings.From(config);
        if (!settings.Enabled)
        {
            return NotFound();
        }

        var result = await ConfirmRegistration.HandleAsync(db, users, time, settings, requestId, token, ct);
        if (!result.Succeeded)
        {
            var hasAccount = result.Error!.Fields.Any(f => f.Code == "Registration.HasAccount");
            return this.Form(result.Error!, t, () => View(new ConfirmRegistrationViewModel(requestId, token, null, hasAccount)));
        }

        if (result.Value == RegistrationOutcome.AwaitingApproval)
        {
            return View("RegisterAwaiting");
        }

        TempData["Flash"] = t["Registration.AccountReady"].Value;
        return Redirect("/account/login");
    }

    [HttpGet("registrations")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Index(int? organizationId, string? status, string? search, int page = 1, CancellationToken ct = default)
    {
        var scope = User.Scope();
        // Those waiting unless another status (or "all") is asked for.
        RegistrationStatus? shown = status == "all" ? null : Enum.TryParse<RegistrationStatus>(status, out var s) ? s : RegistrationStatus.AwaitingApproval;
        var filter = new RegistrationFilter(organizationId, shown, search, page);
        var list = await ListRegistrations.HandleAsync(db, scope, filter, ct);
        return View(new RegistrationsViewModel(list, filter, PagerModel.From(list, Request), await ListOrganizations.OptionsAsync(db, scope, ct)));
    }

    /// <summary>Approves or refuses (with a reason) a request in the administrator's scope; the person is told by e-mail.</summary>
    [HttpPost("registrations/{id:int}/decision")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Decide(int id, bool approve, string? reason, string? back, CancellationToken ct)
    {
        var next = Url.IsLocalUrl(back) ? back : "/registrations";
        var result = await DecideRegistration.HandleAsync(db, users, User.Scope(), actor, time, PublicUrl(), id, new RegistrationDecision(approve, reason), ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, next);
        }

        TempData["Flash"] = t[approve ? "Registrations.Approved" : "Registrations.Refused"].Value;
        return Redirect(next);
    }

    private async Task<RegisterViewModel> DrawAsync(SelfRegistrationSettings settings, RegisterForm form, string? search, CancellationToken ct)
    {
        var chosen = form.OrganizationId is { } id ? await RegistrationOrganizations.FindAsync(db, settings, id, ct) : null;
        var matches = chosen is null ? await RegistrationOrganizations.SearchAsync(db, settings, search, ct) : [];
        return new RegisterViewModel(form, search, matches, chosen);
    }

    /// <summary>The address people reach the app at: App:PublicUrl, or this request's own.</summary>
    private string PublicUrl() => config["App:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";
}
