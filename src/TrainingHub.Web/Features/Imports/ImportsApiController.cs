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
/// commit. Both answer with the same report; row errors come with line, column and message (422 when the commit
/// wrote nothing because of them).
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class ImportsApiController(TrainingHubDbContext db, TimeProvider time, IWebHostEnvironment env, IConfiguration config, InvitationSettings invitations, IAuditActor actor,
    IStringLocalizer<SharedResource> t) : ApiControllerBase
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
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.Forbidden)]
    public async Task<ActionResult<ImportReportView>> Commit(CommitImportBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (await ImportUploads.LoadAsync(Uploads, body.ImportId, User.Scope().UserId, ct) is not { } upload)
        {
            return this.Problem(new FieldError("ImportId", "Import.Expired"), t);
        }

        var result = await CommitImport.HandleAsync(db, User.Scope(), time, upload.Content, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        var report = ImportReportView.From(body.ImportId, upload.FileName, result.Value!, t);
        if (!report.Committed)
        {
            return UnprocessableEntity(report);
        }

        ImportUploads.Delete(Uploads, body.ImportId);
        if (body.Invite)
        {
            report = report with { Invitations = await ImportInvitations.InviteAsync(db, User.Scope(), actor, time, invitations, config, Request, result.Value!, ct) };
        }

        return report;
    }

    [HttpPost("api/v1/offerings/{id:int}/enrol-organization")]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
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
