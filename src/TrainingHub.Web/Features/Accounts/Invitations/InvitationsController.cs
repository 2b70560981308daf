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

namespace TrainingHub.Web.Features.Accounts.Invitations;

public sealed record InvitationsViewModel(InvitationList List, InvitationFilter Filter, PagerModel Pager, IReadOnlyList<(int Id, string Name)> Organizations);

public sealed class AcceptInvitationForm
{
    public int? InvitationId { get; set; }

    public string? Token { get; set; }

    public string? NewPassword { get; set; }
}

public sealed record AcceptInvitationViewModel(AcceptInvitationForm Form, InvitationPreview? Invitee);

/// <summary>
/// Invitations: the administrator's list per organisation (status, counts, filters), inviting or re-inviting one person
/// from their page; and the page where the invited person chooses a passphrase (anonymous, reached by the e-mailed link).
/// </summary>
public sealed class InvitationsController(TrainingHubDbContext db, UserManager<ApplicationUser> users, TimeProvider time, InvitationSettings settings, IAuditActor actor, IConfiguration config,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("invitations")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Index(int? organizationId, InvitationStatus? status, string? search, int page = 1, CancellationToken ct = default)
    {
        var scope = User.Scope();
        var filter = new InvitationFilter(organizationId, status, search, page);
        var list = await ListInvitations.HandleAsync(db, scope, time, filter, ct);
        return View(new InvitationsViewModel(list, filter, PagerModel.From(list.Page, Request), await ListOrganizations.OptionsAsync(db, scope, ct)));
    }

    /// <summary>Invites the person from their page, or sends them a new link (the earlier one stops working).</summary>
    [HttpPost("invitations/person/{personId:int}")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Invite(int personId, bool resend, string? back, CancellationToken ct)
    {
        var next = Url.IsLocalUrl(back) ? back : $"/people/{personId}";
        var result = await InvitePerson.HandleAsync(db, User.Scope(), actor, time, settings, PublicUrl(), personId, InvitationSource.Person, resend, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, next);
        }

        TempData["Flash"] = t[resend ? "Invitation.Resent" : "Invitation.Sent"].Value;
        return Redirect(next);
    }

    [HttpGet("invitation")]
    [AllowAnonymous]
    public async Task<IActionResult> Accept(int? i, [FromQuery(Name = "t")] string? token, CancellationToken ct)
    {
        var form = new AcceptInvitationForm { InvitationId = i, Token = token };
        var preview = await AcceptInvitation.PreviewAsync(db, time, i, token, ct);
        if (!preview.Succeeded)
        {
            return this.Form(preview.Error!, t, () => View(new AcceptInvitationViewModel(form, null)), "Form.");
        }

        return View(new AcceptInvitationViewModel(form, preview.Value));
    }

    /// <summary>Creates the trainee account; the person then signs in with their e-mail and the passphrase they chose.</summary>
    [HttpPost("invitation")]
    [AllowAnonymous]
    [EnableRateLimiting(HostSetup.PasswordRateLimit)]
    public async Task<IActionResult> Accept(AcceptInvitationForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await AcceptInvitation.HandleAsync(db, users, time, new AcceptInvitationRequest(form.InvitationId, form.Token, form.NewPassword), ct);
        if (!result.Succeeded)
        {
            ModelState.Clear();
            form.NewPassword = null;
            var preview = await AcceptInvitation.PreviewAsync(db, time, form.InvitationId, form.Token, ct);
            return this.Form(result.Error!, t, () => View(new AcceptInvitationViewModel(form, preview.Value)), "Form.");
        }

        TempData["Flash"] = t["Invitation.AccountReady"].Value;
        return Redirect("/account/login");
    }

    /// <summary>The address people reach the app at: App:PublicUrl, or this request's own.</summary>
    private string PublicUrl() => config["App:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";
}
