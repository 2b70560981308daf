using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog.Programmes;

[Route("api/v1/programmes")]
public sealed class ProgrammesApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>Programmes in the caller's scope.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public Task<Page<ProgrammeRow>> List(string? search, bool? active, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        ListProgrammes.HandleAsync(db, User.Scope(), new ProgrammeFilter(search, active, page, pageSize), ct);

    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<ProgrammeDetail>> Get(int id, CancellationToken ct) =>
        await GetProgramme.HandleAsync(db, User.Scope(), id, ct) is { } p ? p : NotFound();

    /// <summary>Creates a programme; target hours as text ("48", "7,5").</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [ProducesResponseType<CreatedId>(StatusCodes.Status201Created)]
    public async Task<ActionResult> Create(ProgrammeRequest request, CancellationToken ct)
    {
        var result = await SaveProgramme.HandleAsync(db, User.Scope(), time, null, request, ct);
        return result.Succeeded ? Created($"/api/v1/programmes/{result.Value}", new CreatedId(result.Value)) : this.Problem(result.Error!, t);
    }

    [HttpPut("{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Update(int id, ProgrammeRequest request, CancellationToken ct)
    {
        var result = await SaveProgramme.HandleAsync(db, User.Scope(), time, id, request, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }
}
