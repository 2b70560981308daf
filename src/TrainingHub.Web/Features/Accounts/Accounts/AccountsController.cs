using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Accounts.Accounts;

public sealed record AccountsViewModel(Page<AccountRow> Page, string? Search, PagerModel Pager);

public sealed record NewAccountViewModel(CreateAccountRequest Form, IReadOnlyList<(int Id, string Name)> Organizations, bool MayCreateUnscoped);

/// <summary>Administrators manage sign-in accounts in their scope: create, change role, lock.</summary>
[Route("accounts")]
[Authorize(Policy = Policies.Administrator)]
public sealed class AccountsController(TrainingHubDbContext db, UserManager<ApplicationUser> users, IConfiguration config, TimeProvider time, IAuditActor actor, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int page = 1, CancellationToken ct = default)
    {
        var result = await ListAccounts.HandleAsync(db, User.Scope(), time, search, page, 25, ct);
        return View(new AccountsViewModel(result, search, PagerModel.From(result, Request)));
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View(new NewAccountViewModel(new CreateAccountRequest(null, null, null, Roles.Trainee, null, null, null), await ListOrganizations.OptionsAsync(db, User.Scope(), ct), User.Scope().IsWholeInstallation));

    [HttpPost("new")]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] CreateAccountRequest form, CancellationToken ct)
    {
        var result = await CreateAccount.HandleAsync(db, users, User.Scope(), time, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t,
                async () => View(new NewAccountViewModel(form with { Password = null }, await ListOrganizations.OptionsAsync(db, User.Scope(), ct), User.Scope().IsWholeInstallation)), "Form.");
        }

        TempData["Flash"] = t["Account.Created", form.Email ?? ""].Value;
        return Redirect("/accounts");
    }

    [HttpPost("{id}/role")]
    public async Task<IActionResult> ChangeRole(string id, string? role, bool locked, CancellationToken ct)
    {
        var result = await ChangeAccountRole.HandleAsync(db, users, User.Scope(), time, new ChangeAccountRoleRequest(id, role, locked), ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, "/accounts");
        }

        TempData["Flash"] = t["Account.Changed"].Value;
        return Redirect("/accounts");
    }

    /// <summary>E-mails the account a link to choose a new password; the administrator never sees or sets it.</summary>
    [HttpPost("{id}/reset-link")]
    public async Task<IActionResult> SendResetLink(string id, CancellationToken ct)
    {
        var publicUrl = config["App:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";
        var result = await SendPasswordResetLink.HandleAsync(db, users, User.Scope(), actor, id, publicUrl, time, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, "/accounts");
        }

        TempData["Flash"] = t["Password.LinkSent"].Value;
        return Redirect("/accounts");
    }
}
