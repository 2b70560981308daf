using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Enrolment;

public sealed record DecisionBody(bool Approve, string? Reason);

/// <summary>An enrolment's status after a change (cancelled, confirmed, waitlisted…).</summary>
public sealed record EnrolmentStatusAnswer(EnrolmentStatus Status);

[Route("api/v1/enrolments")]
public sealed class EnrolmentsApiController(TrainingHubDbContext db, TimeProvider time, IOptions<EnrolmentOptions> options, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>Enrols the caller (no personId) or, for administrators, a person in their scope. Repeating it changes nothing.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.TooEarly)]
    public async Task<ActionResult<EnrolmentOutcome>> Enrol(EnrolRequest request, CancellationToken ct)
    {
        var result = await EnrolInOffering.HandleAsync(db, User.Scope(), time, request, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    /// <summary>A series registered by date: register for the whole series or chosen dates (enrolling first if needed).</summary>
    [HttpPost("dates")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<IReadOnlyList<SessionChoice>>> Dates(ChooseSessionsRequest request, CancellationToken ct)
    {
        var result = await ChooseSessions.HandleAsync(db, User.Scope(), time, request, ct);
        return result.Succeeded ? Ok(result.Value!) : this.Problem(result.Error!, t);
    }

    [HttpGet("mine")]
    [Authorize(Policy = Policies.Trainee)]
    public async Task<IReadOnlyList<MyEnrolmentRow>> Mine(CancellationToken ct) =>
        User.Scope().PersonId is { } personId ? await ListMyEnrolments.HandleAsync(db, personId, ct) : [];

    [HttpGet("/api/v1/offerings/{offeringId:int}/enrolments")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<OfferingEnrolmentsModel>> ForOffering(int offeringId, EnrolmentStatus? status, int page = 1, CancellationToken ct = default) =>
        await ListOfferingEnrolments.HandleAsync(db, User.Scope(), offeringId, status, page, ct) is { } model ? model : NotFound();

    [HttpPost("{id:int}/cancel")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType<EnrolmentStatusAnswer>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Cancel(int id, CancellationToken ct)
    {
        var result = await CancelEnrolment.HandleAsync(db, User.Scope(), time, options, id, ct);
        return result.Succeeded ? Ok(new EnrolmentStatusAnswer(result.Value)) : this.Problem(result.Error!, t);
    }

    [HttpPost("{id:int}/accept-offer")]
    [Authorize(Policy = Policies.Trainee)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType<EnrolmentStatusAnswer>(StatusCodes.Status200OK)]
    public async Task<ActionResult> AcceptOffer(int id, CancellationToken ct)
    {
        var result = await AcceptSeatOffer.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? Ok(new EnrolmentStatusAnswer(result.Value)) : this.Problem(result.Error!, t);
    }

    [HttpPost("{id:int}/decision")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType<EnrolmentStatusAnswer>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Decide(int id, DecisionBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await DecideEnrolment.HandleAsync(db, User.Scope(), time, new DecideRequest(id, body.Approve, body.Reason), ct);
        return result.Succeeded ? Ok(new EnrolmentStatusAnswer(result.Value)) : this.Problem(result.Error!, t);
    }
}
