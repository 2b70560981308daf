using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;
using TrainingHub.Core.Members;
using TrainingHub.Web.Features.Imports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Members;

/// <summary>
/// A programme's members over HTTP, for administrators and auditors whose scope holds the programme's owner (members may
/// come from any organisation): list, find people to add, add, remove, import a CPF list (preview, then commit by the
/// preview's id; all or nothing) and invite the members without an account.
/// </summary>
[Route("api/v1/programmes/{programmeId:int}/members")]
public sealed class MembersApiController(
    TrainingHubDbContext db, TimeProvider time, IWebHostEnvironment env, IConfiguration config, InvitationSettings invitations, IAuditActor actor,
    IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    private string Uploads => ImportUploads.DirectoryFor(env, config);

    /// <summary>The members, by name or CPF (<c>search</c>), organisation (<c>organization</c>: name, acronym or IBGE code; or <c>organizationId</c>, with those under it), without an account.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<MemberList>> List(int programmeId, string? search, string? organization, int? organizationId, bool withoutAccount = false,
        int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        await ListMembers.HandleAsync(db, User.Scope(), programmeId, new MemberFilter(search, organization, organizationId, withoutAccount, page, pageSize), ct) is { } list
            ? list
            : NotFound();

    /// <summary>People who may be added: a whole CPF or at least three letters of the name; at most 20.</summary>
    [HttpGet("candidates")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<IReadOnlyList<MemberCandidate>>> Candidates(int programmeId, string? search, CancellationToken ct) =>
        await FindMemberCandidates.HandleAsync(db, User.Scope(), programmeId, search, ct) is { } found ? Ok(found) : NotFound();

    /// <summary>Adds a person, named by <c>personId</c> or <c>cpf</c>; 409 when they are a member already.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType<CreatedId>(StatusCodes.Status201Created)]
    public async Task<ActionResult> Add(int programmeId, AddMemberRequest request, CancellationToken ct)
    {
        var result = await AddMember.HandleAsync(db, User.Scope(), time, programmeId, request, ct);
        return result.Succeeded ? Created($"/api/v1/programmes/{programmeId}/members?search=", new CreatedId(result.Value)) : this.Problem(result.Error!, t);
    }

    /// <summary>Removes a member; their enrolments, hours and certificates stay.</summary>
    [HttpDelete("{personId:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Remove(int programmeId, int personId, CancellationToken ct)
    {
        var result = await RemoveMember.HandleAsync(db, User.Scope(), programmeId, personId, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }

    /// <summary>Checks a CPF list (multipart field "file": CSV or XLSX with a "cpf" column and optionally "orgao", or one CPF a line); writes nothing.</summary>
    [HttpPost("import/preview")]
    [Authorize(Policy = Policies.Administrator)]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(ParseImportFile.MaxBytes + (256 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = ParseImportFile.MaxBytes + (256 * 1024))]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<MemberImportView>> Preview(int programmeId, IFormFile? file, CancellationToken ct)
    {
        var (content, error) = await ImportRequests.ReadAsync(file, ct);
        if (error is not null)
        {
            return this.Problem(error, t);
        }

        var result = await PreviewMemberImport.HandleAsync(db, User.Scope(), programmeId, content!, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        var id = await ImportUploads.SaveAsync(Uploads, User.Scope().UserId, file!.FileName, content!, time, ct);
        return MemberImportView.From(id, Path.GetFileName(file.FileName), result.Value!, t);
    }

    /// <summary>
    /// Adds the previewed file's people, all or nothing: the file is checked again; with any line error nothing is written
    /// and the answer is 400 with the report (<c>committed</c> false, the errors by line and column).
    /// </summary>
    [HttpPost("import/commit")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType<MemberImportView>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<MemberImportView>> Commit(int programmeId, CommitMemberImportBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (await ImportUploads.LoadAsync(Uploads, body.ImportId, User.Scope().UserId, ct) is not { } upload)
        {
            return this.Problem(new FieldError("ImportId", "Import.Expired"), t);
        }

        var result = await CommitMemberImport.HandleAsync(db, User.Scope(), time, programmeId, upload.Content, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        var view = MemberImportView.From(body.ImportId, upload.FileName, result.Value!, t);
        if (!view.Committed)
        {
            return BadRequest(view);
        }

        ImportUploads.Delete(Uploads, body.ImportId);
        return view;
    }

    /// <summary>Invites every member without an account (queued through the outbox); members whose link still works are counted, not sent again.</summary>
    [HttpPost("invite")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<InvitationReport>> Invite(int programmeId, CancellationToken ct)
    {
        var result = await InviteMembers.HandleAsync(db, User.Scope(), actor, time, invitations, ImportInvitations.PublicUrl(config, Request), programmeId, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }
}
