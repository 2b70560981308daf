using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Features.Attendance.Justifications;
using TrainingHub.Web.Features.Attendance.MeetingImport;
using TrainingHub.Web.Features.Imports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance;

public sealed record CommitMeetingImportBody(Guid ImportId);

public sealed record JustificationDecisionBody(bool Accept, string? Reason);

public sealed record JustificationCreated(int Id);

/// <summary>
/// Meeting-report import (preview a file, then commit it by id), absence justifications (trainee upload, review
/// queue, decision, document) and the at-risk list, over /api/v1. Errors are ProblemDetails naming the field.
/// </summary>
[Route("api/v1")]
public sealed class AttendanceFollowUpApiController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IOptions<AttendanceOptions> options,
    IWebHostEnvironment env, IConfiguration config, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    private const long ImportLimit = ParseMeetingReport.MaxBytes + (256 * 1024);

    private string Uploads => ImportUploads.DirectoryFor(env, config);

    [HttpPost("sessions/{id:int}/meeting-import/preview")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(ImportLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportLimit)]
    public async Task<ActionResult<MeetingImportView>> PreviewImport(int id, IFormFile? file, CancellationToken ct)
    {
        var (content, error) = await MeetingImportRequests.ReadAsync(file, ct);
        if (error is not null)
        {
            return this.Problem([error], t);
        }

        var result = await PreviewMeetingImport.HandleAsync(db, User.Scope(), id, content!, ct);
        if (!result.Succeeded)
        {
            return NotFoundOr(result.Errors);
        }

        var upload = await ImportUploads.SaveAsync(Uploads, User.Scope().UserId, file!.FileName, content!, time, ct);
        return MeetingImportView.From(upload, Path.GetFileName(file.FileName), result.Value!, t);
    }

    /// <summary>Commits a previewed file; 422 with the same report when a malformed line stopped it (nothing written).</summary>
    [HttpPost("sessions/{id:int}/meeting-import/commit")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<ActionResult<MeetingImportView>> CommitImport(int id, CommitMeetingImportBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (await ImportUploads.LoadAsync(Uploads, body.ImportId, User.Scope().UserId, ct) is not { } upload)
        {
            return this.Problem([new FieldError("ImportId", "Import.Expired")], t);
        }

        var result = await CommitMeetingImport.HandleAsync(db, User.Scope(), time, actor, id, upload.FileName, upload.Content, ct);
        if (!result.Succeeded)
        {
            return NotFoundOr(result.Errors);
        }

        var view = MeetingImportView.From(body.ImportId, upload.FileName, result.Value!, t);
        if (!view.Committed)
        {
            return UnprocessableEntity(view);
        }

        ImportUploads.Delete(Uploads, body.ImportId);
        return view;
    }

    /// <summary>A trainee's justification for their absence: multipart with "file" (PDF, PNG or JPEG) and "note".</summary>
    [HttpPost("sessions/{id:int}/justifications")]
    [Authorize(Policy = Policies.SignedIn)]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(JustificationsController.RequestCeiling)]
    [RequestFormLimits(MultipartBodyLengthLimit = JustificationsController.RequestCeiling)]
    public async Task<ActionResult<JustificationCreated>> Submit(int id, [FromForm] string? note, IFormFile? file, CancellationToken ct)
    {
        var result = await JustificationRequests.SubmitAsync(db, User.Scope(), time, options.Value, id, note, file, ct);
        return result.Succeeded ? StatusCode(StatusCodes.Status201Created, new JustificationCreated(result.Value)) : this.Problem(result.Errors, t);
    }

    [HttpGet("justifications")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public Task<Page<JustificationRow>> Queue(JustificationStatus? status, string? search, bool all = false, int page = 1, int pageSize = 25, CancellationToken ct = default) =>
        ListJustifications.HandleAsync(db, User.Scope(), new JustificationFilter(all ? null : status ?? JustificationStatus.Pending, search, page, pageSize), ct);

    [HttpPost("justifications/{id:int}/decision")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<ActionResult<DecideJustificationOutcome>> Decide(int id, JustificationDecisionBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await DecideJustification.HandleAsync(db, User.Scope(), time, actor, new DecideJustificationRequest(id, body.Accept, body.Reason), ct);
        return result.Succeeded ? result.Value! : result.Errors[0].Code == "Justification.NotFound" ? NotFound() : this.Problem(result.Errors, t);
    }

    [HttpGet("justifications/{id:int}/document")]
    [Authorize(Policy = Policies.SignedIn)]
    public Task<IActionResult> Document(int id, CancellationToken ct) => JustificationRequests.DocumentAsync(this, db, id, ct);

    [HttpGet("at-risk")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<Page<AtRiskRow>> AtRisk(AtRiskCondition? condition, string? search, bool includeResolved = false, int page = 1, int pageSize = 25, CancellationToken ct = default) =>
        ListAtRisk.HandleAsync(db, User.Scope(), new AtRiskFilter(condition, search, includeResolved, page, pageSize), ct);

    private ActionResult NotFoundOr(IReadOnlyList<FieldError> errors) =>
        errors[0].Code == "Attendance.SessionNotFound" ? NotFound() : this.Problem(errors, t);
}
