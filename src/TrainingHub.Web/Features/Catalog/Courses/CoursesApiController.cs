using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog.Courses;

[Route("api/v1/courses")]
public sealed class CoursesApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public Task<Page<CourseRow>> List(int? programmeId, string? search, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        ListCourses.HandleAsync(db, User.Scope(), new CourseFilter(programmeId, search, page, pageSize), ct);

    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<CourseDetail>> Get(int id, CancellationToken ct) =>
        await GetCourse.HandleAsync(db, User.Scope(), id, ct) is { } c ? c : NotFound();

    /// <summary>Creates a course; workload and required hours as text ("40", "7,5").</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [ProducesResponseType<CreatedId>(StatusCodes.Status201Created)]
    public async Task<ActionResult> Create(CourseRequest request, CancellationToken ct)
    {
        var result = await SaveCourse.HandleAsync(db, User.Scope(), time, null, request, ct);
        return result.Succeeded ? Created($"/api/v1/courses/{result.Value}", new CreatedId(result.Value)) : this.Problem(result.Error!, t);
    }

    [HttpPut("{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Update(int id, CourseRequest request, CancellationToken ct)
    {
        var result = await SaveCourse.HandleAsync(db, User.Scope(), time, id, request, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }
}
