using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Participation;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Participation;

[Route("api/v1/programmes/{programmeId:int}/participants")]
public sealed class ParticipationApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>The organisations taking part in a programme of the caller's scope, by status, stage, state or name.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<Page<ParticipationRow>>> List(int programmeId, ParticipationStatus? status, int? stage, string? state, string? search,
        int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        await ListParticipations.HandleAsync(db, User.Scope(), programmeId, new ParticipationFilter(status, stage, state, search, page, pageSize), ct) is { } rows
            ? rows
            : NotFound();

    /// <summary>One participation with its focal points and the history of its status (newest first).</summary>
    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<ParticipationDetail>> Get(int programmeId, int id, CancellationToken ct) =>
        await GetParticipation.HandleAsync(db, User.Scope(), programmeId, id, ct) is { } p ? p : NotFound();

    /// <summary>Adds an organisation to the programme; focal points are e-mail addresses of its people.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType<CreatedId>(StatusCodes.Status201Created)]
    public async Task<ActionResult> Create(int programmeId, ParticipationRequest request, CancellationToken ct)
    {
        var result = await SaveParticipation.HandleAsync(db, User.Scope(), time, programmeId, null, request, ct);
        return result.Succeeded ? Created($"/api/v1/programmes/{programmeId}/participants/{result.Value}", new CreatedId(result.Value)) : this.Problem(result.Error!, t);
    }

    /// <summary>Changes a participation; a new status or stage is kept in its history, dated <c>statusSince</c> (today when left out).</summary>
    [HttpPut("{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Update(int programmeId, int id, ParticipationRequest request, CancellationToken ct)
    {
        var result = await SaveParticipation.HandleAsync(db, User.Scope(), time, programmeId, id, request, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }
}
