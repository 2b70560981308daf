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

/// <summary>Absence justifications: the trainee sends a document for an absence; instructors and administrators in scope review them.</summary>
public sealed class JustificationsController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IOptions<AttendanceOptions> options, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>Hard ceiling of a request; the configured limit (Attendance:JustificationMaxBytes) is checked before reading the file.</summary>
    public const long RequestCeiling = 30L * 1024 * 1024;

    private int MaxMegabytes => Math.Max(1, options.Value.JustificationMaxBytes / (1024 * 1024));

    [HttpGet("attendance/justify/{sessionId:int}")]
    [Authorize(Policy = Policies.Trainee)]
    public async Task<IActionResult> Justify(int sessionId, CancellationToken ct) =>
        await GetMyJustifications.HandleAsync(db, User.Scope(), sessionId, ct) is { } model ? View(new JustifyViewModel(model, null, MaxMegabytes)) : NotFound();

    [HttpPost("attendance/justify/{sessionId:int}")]
    [Authorize(Policy = Policies.Trainee)]
    [RequestSizeLimit(RequestCeiling)]
    [StatedUploadLimit("Attendance:JustificationMaxBytes", 5 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestCeiling)]
    public async Task<IActionResult> Submit(int sessionId, string? note, IFormFile? file, CancellationToken ct)
    {
        var result = await JustificationRequests.SubmitAsync(db, User.Scope(), time, options.Value, sessionId, note, file, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t["Justification.Sent"].Value;
            return Redirect($"/attendance/justify/{sessionId}");
        }

        if (await GetMyJustifications.HandleAsync(db, User.Scope(), sessionId, ct) is not { } model)
        {
            return NotFound();
        }

        return this.Form(result.Error!, t, () => View(nameof(Justify), new JustifyViewModel(model, note, MaxMegabytes)));
    }

    [HttpGet("justifications")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> Index(JustificationStatus? status, string? search, bool all = false, int page = 1, CancellationToken ct = default)
    {
        var filter = new JustificationFilter(all ? null : status ?? JustificationStatus.Pending, search, page);
        var result = await ListJustifications.HandleAsync(db, User.Scope(), filter, ct);
        return View(new JustificationQueueViewModel(result, filter, PagerModel.From(result, Request)));
    }

    [HttpPost("justifications/{id:int}/decide")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> Decide(int id, bool accept, string? reason, string? returnUrl, CancellationToken ct)
    {
        var result = await DecideJustification.HandleAsync(db, User.Scope(), time, actor, new DecideJustificationRequest(id, accept, reason), ct);
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl : "/justifications";
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, back);
        }

        TempData["Flash"] = t[accept ? "Justification.AcceptedNow" : "Justification.RejectedNow"].Value;
        return Redirect(back);
    }

    /// <summary>The document, to its author and to who may review it: its real type, as an attachment, never sniffed.</summary>
    [HttpGet("justifications/{id:int}/document")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Document(int id, CancellationToken ct) =>
        await JustificationRequests.DocumentAsync(this, db, id, ct);
}

/// <summary>What the pages and the API share about justification uploads and documents.</summary>
public static class JustificationRequests
{
    public static async Task<Result<int>> SubmitAsync(TrainingHubDbContext db, TrainingHub.Core.Accounts.ReaderScope scope, TimeProvider time,
        AttendanceOptions options, int sessionId, string? note, IFormFile? file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        byte[]? content = null;
        if (file is { Length: > 0 })
        {
            if (file.Length > options.JustificationMaxBytes)
            {
                // Too large: say so without reading it (the use case would refuse it anyway).
                return Error.Validation("File", "Justification.TooLarge", Math.Max(1, options.JustificationMaxBytes / (1024 * 1024)));
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }

        return await SubmitJustification.HandleAsync(db, scope, time, options, new SubmitJustificationRequest(sessionId, note, file?.FileName, content), ct);
    }

    public static async Task<IActionResult> DocumentAsync(ControllerBase controller, TrainingHubDbContext db, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (await GetJustificationDocument.HandleAsync(db, controller.User.Scope(), id, ct) is not { } doc)
        {
            return controller.NotFound();
        }

        controller.Response.Headers.XContentTypeOptions = "nosniff";
        controller.Response.Headers.CacheControl = "private, no-store";
        return controller.File(doc.Content, doc.ContentType, doc.FileName);
    }
}
