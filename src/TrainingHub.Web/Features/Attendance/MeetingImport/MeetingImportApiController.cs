using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Features.Imports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.MeetingImport;

public sealed record CommitMeetingImportBody(Guid ImportId);

/// <summary>A session's meeting-report import over /api/v1: preview a file, then commit it by id. Errors are problems naming the field.</summary>
[Route("api/v1")]
public sealed class MeetingImportApiController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IWebHostEnvironment env, IConfiguration config,
    IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    private const long ImportLimit = ParseMeetingReport.MaxBytes + (256 * 1024);

    private string Uploads => ImportUploads.DirectoryFor(env, config);

    [HttpPost("sessions/{id:int}/meeting-import/preview")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(ImportLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportLimit)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<MeetingImportView>> PreviewImport(int id, IFormFile? file, CancellationToken ct)
    {
        var (content, error) = await MeetingImportRequests.ReadAsync(file, ct);
        if (error is not null)
        {
            return this.Problem(error, t);
        }

        var result = await PreviewMeetingImport.HandleAsync(db, User.Scope(), id, content!, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        var upload = await ImportUploads.SaveAsync(Uploads, User.Scope().UserId, file!.FileName, content!, time, ct);
        return MeetingImportView.From(upload, Path.GetFileName(file.FileName), result.Value!, t);
    }

    /// <summary>Commits a previewed file; 422 with the same report when a malformed line stopped it (nothing written).</summary>
    [HttpPost("sessions/{id:int}/meeting-import/commit")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [ProducesResponseType<MeetingImportView>(StatusCodes.Status200OK)]
    [ProducesResponseType<MeetingImportView>(StatusCodes.Status422UnprocessableEntity)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<MeetingImportView>> CommitImport(int id, CommitMeetingImportBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (await ImportUploads.LoadAsync(Uploads, body.ImportId, User.Scope().UserId, ct) is not { } upload)
        {
            return this.Problem(new FieldError("ImportId", "Import.Expired"), t);
        }

        var result = await CommitMeetingImport.HandleAsync(db, User.Scope(), time, actor, id, upload.FileName, upload.Content, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        var view = MeetingImportView.From(body.ImportId, upload.FileName, result.Value!, t);
        if (!view.Committed)
        {
            return UnprocessableEntity(view);
        }

        ImportUploads.Delete(Uploads, body.ImportId);
        return view;
    }
}
