using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;
using TrainingHub.Core.Members;
using TrainingHub.Web.Features.Imports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Members;

/// <summary>
/// A programme's members: the list with filters and paging, a person picker that searches (never a dropdown of
/// everyone), removing, importing a list of CPFs (upload → preview with line errors → confirm, all or nothing) and
/// inviting the members who have no account.
/// </summary>
[Route("programmes/{programmeId:int}/members")]
public sealed class MembersController(
    TrainingHubDbContext db, TimeProvider time, IWebHostEnvironment env, IConfiguration config, InvitationSettings invitations, IAuditActor actor,
    IStringLocalizer<SharedResource> t) : Controller
{
    private const int ErrorsPerPage = 50;

    private string Uploads => ImportUploads.DirectoryFor(env, config);

    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(int programmeId, string? search, string? organization, bool withoutAccount = false, string? find = null, int page = 1,
        CancellationToken ct = default) =>
        await ListAsync(programmeId, new MemberFilter(search, organization, null, withoutAccount, page), find, [], ct) is { } model ? View(model) : NotFound();

    [HttpPost("")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Add(int programmeId, int? personId, string? find, CancellationToken ct)
    {
        var result = await AddMember.HandleAsync(db, User.Scope(), time, programmeId, new AddMemberRequest(personId), ct);
        if (!result.Succeeded)
        {
            if (ErrorResponses.EndsTheScreen(result.Error!))
            {
                return this.Page(result.Error!);
            }

            var model = await ListAsync(programmeId, new MemberFilter(), find, result.Errors.Select(e => FieldErrors.Message(e, t)).ToList(), ct);
            Response.StatusCode = ErrorResponses.Status(result.Error!.Kind);
            return View(nameof(Index), model);
        }

        TempData["Flash"] = t["Members.Added"].Value;
        return Redirect($"/programmes/{programmeId}/members");
    }

    [HttpPost("{personId:int}/remove")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Remove(int programmeId, int personId, CancellationToken ct)
    {
        var result = await RemoveMember.HandleAsync(db, User.Scope(), programmeId, personId, ct);
        if (!result.Succeeded)
        {
            return this.Page(result.Error!);
        }

        TempData["Flash"] = t["Members.Removed"].Value;
        return Redirect($"/programmes/{programmeId}/members");
    }

    [HttpPost("invite")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Invite(int programmeId, CancellationToken ct)
    {
        var result = await InviteMembers.HandleAsync(db, User.Scope(), actor, time, invitations, ImportInvitations.PublicUrl(config, Request), programmeId, ct);
        if (!result.Succeeded)
        {
            return this.Page(result.Error!);
        }

        var r = result.Value!;
        TempData["Flash"] = t["Members.InvitationsQueued", r.Queued.ToString("N0"), r.AlreadyInvited.ToString("N0"), r.HaveAccount.ToString("N0")].Value;
        return Redirect($"/programmes/{programmeId}/members");
    }

    [HttpGet("import")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Import(int programmeId, CancellationToken ct) =>
        await GetProgramme.HandleAsync(db, User.Scope(), programmeId, ct) is { } programme ? View(new MemberImportViewModel(programme, null, null, null, [])) : NotFound();

    [HttpPost("import")]
    [Authorize(Policy = Policies.Administrator)]
    [RequestSizeLimit(ParseImportFile.MaxBytes + (256 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = ParseImportFile.MaxBytes + (256 * 1024))]
    public async Task<IActionResult> Upload(int programmeId, IFormFile? file, CancellationToken ct)
    {
        if (await GetProgramme.HandleAsync(db, User.Scope(), programmeId, ct) is not { } programme)
        {
            return NotFound();
        }

        var (content, error) = await ImportRequests.ReadAsync(file, ct);
        var parsed = error is null ? ParseImportFile.Handle(content!, ImportShape.CpfList) : null;
        if (error is not null || !parsed!.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            var errors = error is not null ? [FieldErrors.Message(error, t)] : parsed!.Errors.Select(e => FieldErrors.Message(e, t)).ToList();
            return View(nameof(Import), new MemberImportViewModel(programme, null, null, null, errors));
        }

        var id = await ImportUploads.SaveAsync(Uploads, User.Scope().UserId, file!.FileName, content!, time, ct);
        return Redirect($"/programmes/{programmeId}/members/import/{id:N}");
    }

    [HttpGet("import/{id:guid}")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Preview(int programmeId, Guid id, int page = 1, CancellationToken ct = default)
    {
        if (await GetProgramme.HandleAsync(db, User.Scope(), programmeId, ct) is not { } programme)
        {
            return NotFound();
        }

        if (await ImportUploads.LoadAsync(Uploads, id, User.Scope().UserId, ct) is not { } upload)
        {
            return View(nameof(Import), new MemberImportViewModel(programme, null, null, null, [t["Import.Expired"].Value]));
        }

        var result = await PreviewMemberImport.HandleAsync(db, User.Scope(), programmeId, upload.Content, ct);
        return result.Succeeded
            ? View(nameof(Import), PreviewModel(programme, MemberImportView.From(id, upload.FileName, result.Value!, t), page))
            : View(nameof(Import), new MemberImportViewModel(programme, null, null, null, result.Errors.Select(e => FieldErrors.Message(e, t)).ToList()));
    }

    [HttpPost("import/{id:guid}/commit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Commit(int programmeId, Guid id, CancellationToken ct)
    {
        if (await GetProgramme.HandleAsync(db, User.Scope(), programmeId, ct) is not { } programme)
        {
            return NotFound();
        }

        if (await ImportUploads.LoadAsync(Uploads, id, User.Scope().UserId, ct) is not { } upload)
        {
            return View(nameof(Import), new MemberImportViewModel(programme, null, null, null, [t["Import.Expired"].Value]));
        }

        var result = await CommitMemberImport.HandleAsync(db, User.Scope(), time, programmeId, upload.Content, ct);
        if (!result.Succeeded || !result.Value!.Committed)
        {
            Response.StatusCode = result.Succeeded ? StatusCodes.Status400BadRequest : ErrorResponses.Status(result.Error!.Kind);
            return result.Succeeded
                ? View(nameof(Import), PreviewModel(programme, MemberImportView.From(id, upload.FileName, result.Value!, t), 1))
                : View(nameof(Import), new MemberImportViewModel(programme, null, null, null, result.Errors.Select(e => FieldErrors.Message(e, t)).ToList()));
        }

        ImportUploads.Delete(Uploads, id);
        TempData["Flash"] = t["Members.Imported", result.Value.ToAdd.ToString("N0"), result.Value.AlreadyMembers.ToString("N0")].Value;
        return Redirect($"/programmes/{programmeId}/members");
    }

    private MemberImportViewModel PreviewModel(ProgrammeDetail programme, MemberImportView report, int page)
    {
        var (number, _) = Page<ImportErrorView>.Clamp(page, ErrorsPerPage);
        var errors = new Page<ImportErrorView>(report.Errors.Skip((number - 1) * ErrorsPerPage).Take(ErrorsPerPage).ToList(), number, ErrorsPerPage, report.Errors.Count);
        return new MemberImportViewModel(programme, report, errors, PagerModel.From(errors, Request), []);
    }

    private async Task<MembersViewModel?> ListAsync(int programmeId, MemberFilter filter, string? find, IReadOnlyList<string> errors, CancellationToken ct)
    {
        var scope = User.Scope();
        var programme = await GetProgramme.HandleAsync(db, scope, programmeId, ct);
        if (programme is null || await ListMembers.HandleAsync(db, scope, programmeId, filter, ct) is not { } list)
        {
            return null;
        }

        var candidates = scope.IsAdministrator && find is not null ? await FindMemberCandidates.HandleAsync(db, scope, programmeId, find, ct) : null;
        return new MembersViewModel(programme, list, filter, PagerModel.From(list.Page, Request), scope.IsAdministrator, find, candidates, errors);
    }
}
