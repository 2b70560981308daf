using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog.Programmes;

public sealed record ProgrammesViewModel(Page<ProgrammeRow> Page, ProgrammeFilter Filter, PagerModel Pager, bool CanEdit);

public sealed record ProgrammeViewModel(ProgrammeDetail Programme, Page<CourseRow> Courses, Page<OfferingRow> Series, bool CanEdit);

public sealed record ProgrammeFormViewModel(int? Id, ProgrammeRequest Form, IReadOnlyList<(int Id, string Name)> Organizations);

[Route("programmes")]
public sealed class ProgrammesController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(string? search, bool? active, int page = 1, CancellationToken ct = default)
    {
        var filter = new ProgrammeFilter(search, active, page);
        var result = await ListProgrammes.HandleAsync(db, User.Scope(), filter, ct);
        return View(new ProgrammesViewModel(result, filter, PagerModel.From(result, Request), User.Scope().IsAdministrator));
    }

    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        var scope = User.Scope();
        var programme = await GetProgramme.HandleAsync(db, scope, id, ct);
        if (programme is null)
        {
            return NotFound();
        }

        var courses = await ListCourses.HandleAsync(db, scope, new CourseFilter(id, PageSize: 200), ct);
        var series = await ListOfferings.HandleAsync(db, scope, new OfferingFilter(id, Classes: false, PageSize: 200), ct);
        return View(new ProgrammeViewModel(programme, courses, series, scope.IsAdministrator));
    }

    [HttpGet("new")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(CancellationToken ct) =>
        View("Edit", new ProgrammeFormViewModel(null, new ProgrammeRequest(null, null, null, null, null, TargetPeriod.Year, null, null, true),
            await ListOrganizations.OptionsAsync(db, User.Scope(), ct)));

    [HttpPost("new")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> Create([Bind(Prefix = "Form")] ProgrammeRequest form, CancellationToken ct) => SaveAsync(null, form, ct);

    [HttpGet("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var programme = await GetProgramme.HandleAsync(db, User.Scope(), id, ct);
        return programme is null ? NotFound() : View(new ProgrammeFormViewModel(id, programme.ToRequest(), await ListOrganizations.OptionsAsync(db, User.Scope(), ct)));
    }

    [HttpPost("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] ProgrammeRequest form, CancellationToken ct) => SaveAsync(id, form, ct);

    private async Task<IActionResult> SaveAsync(int? id, ProgrammeRequest form, CancellationToken ct)
    {
        var result = await SaveProgramme.HandleAsync(db, User.Scope(), time, id, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () => View("Edit", new ProgrammeFormViewModel(id, form, await ListOrganizations.OptionsAsync(db, User.Scope(), ct))), "Form.");
        }

        TempData["Flash"] = t["Programme.Saved", form.Name ?? ""].Value;
        return Redirect($"/programmes/{result.Value}");
    }
}
