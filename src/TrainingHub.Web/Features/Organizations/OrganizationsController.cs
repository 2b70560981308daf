using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Organizations;

public sealed record OrganizationsViewModel(Page<OrganizationRow> Page, OrganizationFilter Filter, PagerModel Pager, bool CanCreate);

public sealed record NewOrganizationViewModel(CreateOrganizationRequest Form, IReadOnlyList<(int Id, string Name)> Parents);

public sealed record EditOrganizationViewModel(int Id, string Name, UpdateOrganizationRequest Form, IReadOnlyList<(int Id, string Name)> Parents);

[Route("organizations")]
public sealed class OrganizationsController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(string? search, OrganizationKind? kind, int page = 1, CancellationToken ct = default)
    {
        var filter = new OrganizationFilter(search, kind, page);
        var result = await ListOrganizations.HandleAsync(db, User.Scope(), filter, ct);
        return View(new OrganizationsViewModel(result, filter, PagerModel.From(result, Request), User.Scope().IsAdministrator));
    }

    [HttpGet("new")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View(new NewOrganizationViewModel(new CreateOrganizationRequest(null, null, null, null, null, null), await ListOrganizations.OptionsAsync(db, User.Scope(), ct)));

    [HttpPost("new")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] CreateOrganizationRequest form, CancellationToken ct)
    {
        var result = await CreateOrganization.HandleAsync(db, User.Scope(), time, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () => View(new NewOrganizationViewModel(form, await ListOrganizations.OptionsAsync(db, User.Scope(), ct))), "Form.");
        }

        TempData["Flash"] = t["Organization.Created", form.Name ?? ""].Value;
        return Redirect("/organizations");
    }

    [HttpGet("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var result = await GetOrganization.HandleAsync(db, User.Scope(), id, ct);
        return result.Succeeded
            ? View(new EditOrganizationViewModel(id, result.Value!.Name, result.Value.ToForm(), await ListOrganizations.OptionsAsync(db, User.Scope(), ct)))
            : this.Page(result.Error!);
    }

    /// <summary>Corrects an organisation; a new parent moves its whole subtree.</summary>
    [HttpPost("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] UpdateOrganizationRequest form, CancellationToken ct)
    {
        var result = await UpdateOrganization.HandleAsync(db, User.Scope(), id, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () =>
                View(new EditOrganizationViewModel(id, form.Name ?? "", form, await ListOrganizations.OptionsAsync(db, User.Scope(), ct))), "Form.");
        }

        TempData["Flash"] = t["Organization.Updated", form.Name ?? ""].Value;
        return Redirect("/organizations");
    }
}
