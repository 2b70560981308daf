using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Imports;

/// <param name="Invite">Also invite every person the file names who has no account.</param>
public sealed record CommitImportBody(Guid ImportId, bool Invite = false);

/// <param name="Invite">Also invite the organisation's people who have no account.</param>
public sealed record EnrolOrganizationBody(int OrganizationId, bool IncludeSubOrganizations = false, bool Invite = false);

/// <summary>
/// The import over HTTP: POST a file (multipart, field "file") to preview it and get an import id; POST the id to
/// commit it in the background: 202 with the run's Location (GET api/v1/imports/runs/{id}), which answers its status and
/// progress, then its report (row errors with line, column and message when it wrote nothing because of them).
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class ImportsApiController(
    TrainingHubDbContext db, TimeProvider time, IWebHostEnvironment env, IConfiguration config, IBackgroundJobClient jobs, InvitationSettings invitations, IAuditActor actor,
    IStringLocalizer<SharedResource> t)
    : ApiControllerBase
{
    private string Uploads => ImportUploads.DirectoryFor(env, config);

    [HttpPost("api/v1/imports/preview")]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(ParseImportFile.MaxBytes + (256 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = ParseImportFile.MaxBytes + (256 * 1024))]
    [Refuses(ErrorKind.Validation)]
    public async Task<ActionResult<ImportReportView>> Preview(IFormFile? file, CancellationToken ct)
    {
        var (content, error) = await ImportRequests.ReadAsync(file, ct);
        if (error is not null)
        {
            return this.Problem(error, t);
        }

        var result = await PreviewImport.HandleAsync(db, User.Scope(), time, content!, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        var id = await ImportUploads.SaveAsync(Uploads, User.Scope().UserId, file!.FileName, content!, time, ct);
        return ImportReportView.From(id, Path.GetFileName(file.FileName), result.Value!, t);
    }

    [HttpPost("api/v1/imports/commit")]
    [ProducesResponseType(typeof(ImportRunStatusView), StatusCodes.Status202Accepted)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.Forbidden)]
    public async Task<ActionResult<ImportRunStatusView>> Commit(CommitImportBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (await ImportUploads.LoadAsync(Uploads, body.ImportId, User.Scope().UserId, ct) is not { } upload)
        {
            return this.Problem(new FieldError("ImportId", "Import.Expired"), t);
        }

        var started = await StartImport.HandleAsync(db, User.Scope(), actor, time, upload.FileName, upload.Content, ct,
            body.Invite ? ImportInvitations.PublicUrl(config, Request) : null);
        if (!started.Succeeded)
        {
            return this.Problem(started.Error!, t);
        }

        ImportJob.Enqueue(jobs, started.Value);
        ImportUploads.Delete(Uploads, body.ImportId);
        var run = await GetImportRun.HandleAsync(db, User.Scope(), started.Value, ct);
        return AcceptedAtAction(nameof(Run), new { id = started.Value }, ImportRunStatusView.From(run.Value!, t));
    }

    /// <summary>A background import: status (Queued, Running, Writing, Succeeded, Failed), rows checked, percent, and once finished its report.</summary>
    [HttpGet("api/v1/imports/runs/{id:guid}")]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<ImportRunStatusView>> Run(Guid id, CancellationToken ct)
    {
        var result = await GetImportRun.HandleAsync(db, User.Scope(), id, ct);
        return result.Succeeded ? ImportRunStatusView.From(result.Value!, t) : this.Problem(result.Error!, t);
    }

    [HttpPost("api/v1/offerings/{id:int}/enrol-organization")]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.TooEarly)]
    public async Task<ActionResult<EnrolOrganizationReport>> EnrolOrganization(int id, EnrolOrganizationBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await Core.Imports.EnrolOrganization.HandleAsync(db, User.Scope(), time, new EnrolOrganizationRequest(id, body.OrganizationId, body.IncludeSubOrganizations), ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        return body.Invite
            ? result.Value! with { Invitations = await ImportInvitations.InviteOrganizationAsync(db, User.Scope(), actor, time, invitations, config, Request, body.OrganizationId, body.IncludeSubOrganizations, ct) }
            : result.Value!;
    }
}
