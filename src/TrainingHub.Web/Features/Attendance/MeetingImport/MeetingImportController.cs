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

/// <summary>A session's meeting-report import: upload → preview (matched, unmatched, ambiguous, bad lines; nothing written) → commit (all or nothing).</summary>
[Route("sessions/{id:int}/import")]
[Authorize(Policy = Policies.InstructorOrAdministrator)]
public sealed class MeetingImportController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IWebHostEnvironment env, IConfiguration config, IStringLocalizer<SharedResource> t) : Controller
{
    private const long Limit = ParseMeetingReport.MaxBytes + (256 * 1024);

    private string Uploads => ImportUploads.DirectoryFor(env, config);

    [HttpGet("")]
    public async Task<IActionResult> Index(int id, CancellationToken ct) =>
        await IndexModelAsync(id, [], ct) is { } model ? View(model) : NotFound();

    [HttpPost("")]
    [RequestSizeLimit(Limit)]
    [RequestFormLimits(MultipartBodyLengthLimit = Limit)]
    public async Task<IActionResult> Upload(int id, IFormFile? file, CancellationToken ct)
    {
        var (content, error) = await MeetingImportRequests.ReadAsync(file, ct);
        var result = error is null ? await PreviewMeetingImport.HandleAsync(db, User.Scope(), id, content!, ct) : Error.Validation([error]);
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, result.Error!, ct);
        }

        var upload = await ImportUploads.SaveAsync(Uploads, User.Scope().UserId, file!.FileName, content!, time, ct);
        return Redirect($"/sessions/{id}/import/{upload:N}");
    }

    [HttpGet("{upload:guid}")]
    public async Task<IActionResult> Preview(int id, Guid upload, CancellationToken ct)
    {
        if (await ImportUploads.LoadAsync(Uploads, upload, User.Scope().UserId, ct) is not { } file)
        {
            return await IndexModelAsync(id, [t["Import.Expired"].Value], ct) is { } model ? View(nameof(Index), model) : NotFound();
        }

        var result = await PreviewMeetingImport.HandleAsync(db, User.Scope(), id, file.Content, ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, result.Error!, ct);
        }

        return View(MeetingImportView.From(upload, file.FileName, result.Value!, t));
    }

    [HttpPost("{upload:guid}/commit")]
    public async Task<IActionResult> Commit(int id, Guid upload, CancellationToken ct)
    {
        if (await ImportUploads.LoadAsync(Uploads, upload, User.Scope().UserId, ct) is not { } file)
        {
            return await IndexModelAsync(id, [t["Import.Expired"].Value], ct) is { } model ? View(nameof(Index), model) : NotFound();
        }

        var result = await CommitMeetingImport.HandleAsync(db, User.Scope(), time, actor, id, file.FileName, file.Content, ct);
        if (!result.Succeeded)
        {
            return await RefusedAsync(id, result.Error!, ct);
        }

        var view = MeetingImportView.From(upload, file.FileName, result.Value!, t);
        if (!view.Committed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Preview), view);
        }

        ImportUploads.Delete(Uploads, upload);
        TempData["Flash"] = t["MeetingImport.Done", view.Added, view.Changed, view.Unchanged].Value;
        return Redirect($"/sessions/{id}/roster");
    }

    /// <summary>The 404 or 403 page, or the upload page again with the messages (status 400, 409, …).</summary>
    private async Task<IActionResult> RefusedAsync(int id, Error error, CancellationToken ct)
    {
        if (ErrorResponses.EndsTheScreen(error))
        {
            return this.Page(error);
        }

        Response.StatusCode = ErrorResponses.Status(error.Kind);
        return await IndexModelAsync(id, error.Fields.Select(e => FieldErrors.Message(e, t)).ToList(), ct) is { } model ? View(nameof(Index), model) : NotFound();
    }

    private async Task<MeetingImportIndexViewModel?> IndexModelAsync(int id, IReadOnlyList<string> errors, CancellationToken ct) =>
        await GetRoster.HandleAsync(db, User.Scope(), id, ct) is { } roster
            ? new MeetingImportIndexViewModel(id, roster.Title, roster.Offering, errors)
            : null;
}

/// <summary>What the page and the API share about reading an uploaded meeting report.</summary>
public static class MeetingImportRequests
{
    public static async Task<(byte[]? Content, FieldError? Error)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return (null, new FieldError("File", "MeetingImport.NoFile"));
        }

        if (file.Length > ParseMeetingReport.MaxBytes)
        {
            return (null, new FieldError("File", "MeetingImport.TooLarge", ParseMeetingReport.MaxBytes / (1024 * 1024)));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), null);
    }
}
