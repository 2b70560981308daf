using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog.Courses;

public sealed record CoursesViewModel(Page<CourseRow> Page, CourseFilter Filter, PagerModel Pager, IReadOnlyList<(int Id, string Name)> Programmes, bool CanEdit);

public sealed record CourseViewModel(CourseDetail Course, Page<OfferingRow> Classes, PagerModel Pager, bool CanEdit);

public sealed record CourseFormViewModel(int? Id, CourseRequest Form, IReadOnlyList<(int Id, string Name)> Programmes, bool ProgrammeOptional);

[Route("courses")]
public sealed class CoursesController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(int? programmeId, string? search, int page = 1, CancellationToken ct = default)
    {
        var scope = User.Scope();
        var filter = new CourseFilter(programmeId, search, page);
        var result = await ListCourses.HandleAsync(db, scope, filter, ct);
        return View(new CoursesViewModel(result, filter, PagerModel.From(result, Request), await ListProgrammes.OptionsAsync(db, scope, ct), scope.IsAdministrator));
    }

    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Show(int id, int page = 1, CancellationToken ct = default)
    {
        var scope = User.Scope();
        var course = await GetCourse.HandleAsync(db, scope, id, ct);
        if (course is null)
        {
            return NotFound();
        }

        var classes = await ListOfferings.HandleAsync(db, scope, new OfferingFilter(CourseId: id, Page: page), ct);
        return View(new CourseViewModel(course, classes, PagerModel.From(classes, Request), scope.IsAdministrator));
    }

    [HttpGet("new")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(int? programmeId, CancellationToken ct) =>
        View("Edit", await FormAsync(null, new CourseRequest(null, null, programmeId, null, null, Modality.InPerson, 75, null, true), ct));

    [HttpPost("new")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> Create([Bind(Prefix = "Form")] CourseRequest form, CancellationToken ct) => SaveAsync(null, form, ct);

    [HttpGet("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var course = await GetCourse.HandleAsync(db, User.Scope(), id, ct);
        return course is null ? NotFound() : View(await FormAsync(id, course.ToRequest(), ct));
    }

    [HttpPost("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] CourseRequest form, CancellationToken ct) => SaveAsync(id, form, ct);

    private async Task<CourseFormViewModel> FormAsync(int? id, CourseRequest form, CancellationToken ct) =>
        new(id, form, await ListProgrammes.OptionsAsync(db, User.Scope(), ct), User.Scope().IsWholeInstallation);

    private async Task<IActionResult> SaveAsync(int? id, CourseRequest form, CancellationToken ct)
    {
        var result = await SaveCourse.HandleAsync(db, User.Scope(), time, id, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () => View("Edit", await FormAsync(id, form, ct)), "Form.");
        }

        TempData["Flash"] = t["Course.Saved", form.Title ?? ""].Value;
        return Redirect($"/courses/{result.Value}");
    }
}
