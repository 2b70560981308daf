using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.People;

public sealed record PeopleViewModel(Page<PersonRow> Page, PeopleFilter Filter, PagerModel Pager, IReadOnlyList<(int Id, string Name)> Organizations, bool CanCreate);

public sealed record PersonPrivacyViewModel(RetentionStatus Status, int RetentionYears);

public sealed record NewPersonViewModel(CreatePersonRequest Form, IReadOnlyList<(int Id, string Name)> Organizations);

/// <param name="Manager">The manager field as typed: CPF or person number (blank: none).</param>
public sealed record EditPersonViewModel(int Id, string FullName, UpdatePersonRequest Form, string? Manager, string? ManagerName, IReadOnlyList<(int Id, string Name)> Organizations);

[Route("people")]
public sealed class PeopleController(TrainingHubDbContext db, TimeProvider time, PrivacySettings privacy, IAuditActor actor, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(string? search, int? organizationId, int page = 1, CancellationToken ct = default)
    {
        var scope = User.Scope();
        var filter = new PeopleFilter(search, organizationId, page);
        var result = await ListPeople.HandleAsync(db, scope, filter, ct);
        return View(new PeopleViewModel(result, filter, PagerModel.From(result, Request), await ListOrganizations.OptionsAsync(db, scope, ct), scope.IsAdministrator));
    }

    [HttpGet("new")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View(new NewPersonViewModel(new CreatePersonRequest(null, null, null, null, null, null, null, null), await ListOrganizations.OptionsAsync(db, User.Scope(), ct)));

    [HttpPost("new")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create([Bind(Prefix = "Form")] CreatePersonRequest form, CancellationToken ct)
    {
        var result = await CreatePerson.HandleAsync(db, User.Scope(), time, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () => View(new NewPersonViewModel(form, await ListOrganizations.OptionsAsync(db, User.Scope(), ct))), "Form.");
        }

        TempData["Flash"] = t["Person.Created", form.FullName ?? ""].Value;
        return Redirect("/people");
    }

    /// <summary>The person's page: organisation, manager, accounts, enrolments and hours, certificates, at-risk flags.</summary>
    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var result = await GetPerson.HandleAsync(db, User.Scope(), time, id, ct);
        if (!result.Succeeded)
        {
            return this.Page(result.Error!);
        }

        ViewData["Invitation"] = await ListInvitations.ForPersonAsync(db, User.Scope(), time, id, ct);
        return View(result.Value!);
    }

    [HttpGet("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var scope = User.Scope();
        var result = await GetPerson.HandleAsync(db, scope, time, id, ct);
        if (!result.Succeeded)
        {
            return this.Page(result.Error!);
        }

        var p = result.Value!;
        return View(new EditPersonViewModel(p.Id, p.FullName, p.ToForm(fullCpf: false), p.ManagerId?.ToString(CultureInfo.InvariantCulture), p.Manager,
            await ListOrganizations.OptionsAsync(db, scope, ct)));
    }

    /// <summary>Corrects the record; the manager is named by CPF or person number.</summary>
    [HttpPost("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] UpdatePersonRequest form, string? manager, CancellationToken ct)
    {
        var scope = User.Scope();
        int? managerId = string.IsNullOrWhiteSpace(manager) ? null : await FindPerson.HandleAsync(db, scope, manager, ct) ?? -1;
        var result = await UpdatePerson.HandleAsync(db, scope, id, form with { ManagerId = managerId }, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () =>
                View(new EditPersonViewModel(id, form.FullName ?? "", form, manager, null, await ListOrganizations.OptionsAsync(db, scope, ct))), "Form.");
        }

        TempData["Flash"] = t["Person.Updated", form.FullName ?? ""].Value;
        return Redirect($"/people/{id}");
    }

    /// <summary>LGPD: whether the person is still under retention, and the anonymise button when not.</summary>
    [HttpGet("{id:int}/privacy")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Privacy(int id, CancellationToken ct)
    {
        var result = await GetRetention.HandleAsync(db, User.Scope(), time, privacy, id, ct);
        return result.Succeeded ? View(new PersonPrivacyViewModel(result.Value!, privacy.RetentionYears)) : this.Page(result.Error!);
    }

    [HttpPost("{id:int}/anonymize")]
    [HttpPost("{id:int}/anonymise")] // the earlier spelling keeps working
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Anonymize(int id, bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            TempData["Flash"] = t["Person.AnonymizeConfirmRequired"].Value;
            return Redirect($"/people/{id}/privacy");
        }

        var result = await AnonymizePerson.HandleAsync(db, User.Scope(), time, privacy, actor, id, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/people/{id}/privacy");
        }

        TempData["Flash"] = t["Person.Anonymized", result.Value!.FullName].Value;
        return Redirect($"/people/{id}/privacy");
    }
}
