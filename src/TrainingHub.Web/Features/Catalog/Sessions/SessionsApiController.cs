using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog.Sessions;

/// <summary>Sessions of classes and webinar series. Times are São Paulo wall-clock times unless marked UTC ("…Z").</summary>
[Route("api/v1")]
public sealed class SessionsApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet("offerings/{offeringId:int}/sessions")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<IReadOnlyList<SessionRow>>> List(int offeringId, CancellationToken ct) =>
        await GetOffering.HandleAsync(db, User.Scope(), offeringId, ct) is { } o ? Ok(o.Sessions) : NotFound();

    [HttpGet("sessions/{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<SessionRow>> Get(int id, CancellationToken ct) =>
        await GetSession.HandleAsync(db, User.Scope(), id, ct) is { } s ? s : NotFound();

    [HttpPost("offerings/{offeringId:int}/sessions")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType<SavedSessions>(StatusCodes.Status201Created)]
    public async Task<ActionResult> Create(int offeringId, SessionRequest request, CancellationToken ct)
    {
        var result = await SaveSession.HandleAsync(db, User.Scope(), time, offeringId, null, request, ct);
        return result.Succeeded ? Created($"/api/v1/sessions/{result.Value!.Id}", result.Value) : this.Problem(result.Error!, t);
    }

    [HttpPut("sessions/{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Update(int id, SessionRequest request, CancellationToken ct)
    {
        if (await GetSession.OfferingOfAsync(db, User.Scope(), id, ct) is not { } offeringId)
        {
            return NotFound();
        }

        var result = await SaveSession.HandleAsync(db, User.Scope(), time, offeringId, id, request, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }

    /// <summary>Moves one session to a new start and end.</summary>
    [HttpPost("sessions/{id:int}/reschedule")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Reschedule(int id, RescheduleRequest request, CancellationToken ct)
    {
        var result = await RescheduleSession.HandleAsync(db, User.Scope(), time, id, request, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }

    /// <summary>Cancels one session and queues a message to everyone enrolled; answers how many were queued (0 the second time).</summary>
    [HttpPost("sessions/{id:int}/cancel")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType<QueuedAnswer>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Cancel(int id, CancellationToken ct)
    {
        var result = await CancelSession.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? Ok(new QueuedAnswer(result.Value)) : this.Problem(result.Error!, t);
    }
}
