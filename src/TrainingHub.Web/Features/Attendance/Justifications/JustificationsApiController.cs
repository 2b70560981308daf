using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.Justifications;

public sealed record JustificationDecisionBody(bool Accept, string? Reason);

public sealed record JustificationCreated(int Id);

/// <summary>Absence justifications over /api/v1: the trainee's upload, the review queue, the decision and the document.</summary>
[Route("api/v1")]
public sealed class JustificationsApiController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IOptions<AttendanceOptions> options,
    IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>A trainee's justification for their absence: multipart with "file" (PDF, PNG or JPEG) and "note".</summary>
    [HttpPost("sessions/{id:int}/justifications")]
    [Authorize(Policy = Policies.SignedIn)]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(JustificationsController.RequestCeiling)]
    [StatedUploadLimit("Attendance:JustificationMaxBytes", 5 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = JustificationsController.RequestCeiling)]
    [ProducesResponseType<JustificationCreated>(StatusCodes.Status201Created)]
    [Refuses(ErrorKind.Validation)]
    public async Task<ActionResult<JustificationCreated>> Submit(int id, [FromForm] string? note, IFormFile? file, CancellationToken ct)
    {
        var result = await JustificationRequests.SubmitAsync(db, User.Scope(), time, options.Value, id, note, file, ct);
        return result.Succeeded ? StatusCode(StatusCodes.Status201Created, new JustificationCreated(result.Value)) : this.Problem(result.Error!, t);
    }

    [HttpGet("justifications")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public Task<Page<JustificationRow>> Queue(JustificationStatus? status, string? search, bool all = false, int page = 1, int pageSize = 25, CancellationToken ct = default) =>
        ListJustifications.HandleAsync(db, User.Scope(), new JustificationFilter(all ? null : status ?? JustificationStatus.Pending, search, page, pageSize), ct);

    [HttpPost("justifications/{id:int}/decision")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<DecideJustificationOutcome>> Decide(int id, JustificationDecisionBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await DecideJustification.HandleAsync(db, User.Scope(), time, actor, new DecideJustificationRequest(id, body.Accept, body.Reason), ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    [HttpGet("justifications/{id:int}/document")]
    [Authorize(Policy = Policies.SignedIn)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "application/pdf", "image/png", "image/jpeg")]
    [Refuses(ErrorKind.NotFound)]
    public Task<IActionResult> Document(int id, CancellationToken ct) => JustificationRequests.DocumentAsync(this, db, id, ct);
}
