using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;
using TrainingHub.Core.Organizations;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Imports;

/// <summary>
/// Upload → preview (counts and row errors, nothing written) → confirm: a background job commits it, all or nothing, while
/// its page shows a progress bar and then the result; and enrolling a whole organisation.
/// </summary>
[Route("imports")]
[Authorize(Policy = Policies.Administrator)]
public sealed class ImportsController(
    TrainingHubDbContext db, TimeProvider time, IWebHostEnvironment env, IConfiguration config, IBackgroundJobClient jobs, InvitationSettings invitations, IAuditActor actor,
    IStringLocalizer<SharedResource> t) : Controller
{
    private const int ErrorsPerPage = 50;

    private string Uploads => ImportUploads.DirectoryFor(env, config);

    [HttpGet("")]
    public IActionResult Index() => View(new ImportIndexViewModel([]));

    [HttpPost("")]
    [RequestSizeLimit(ParseImportFile.MaxBytes + (256 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = ParseImportFile.MaxBytes + (256 * 1024))]
    public async Task<IActionResult> Upload(IFormFile? file, CancellationToken ct)
    {
        var (content, error) = await ImportRequests.ReadAsync(file, ct);
        if (error is not null)
        {
            return View(nameof(Index), new ImportIndexViewModel([FieldErrors.Message(error, t)]));
        }

        var parsed = ParseImportFile.Handle(content!);
        if (!parsed.Succeeded)
        {
            return View(nameof(Index), new ImportIndexViewModel(parsed.Errors.Select(e => FieldErrors.Message(e, t)).ToList()));
        }

        var id = await ImportUploads.SaveAsync(Uploads, User.Scope().UserId, file!.FileName, content!, time, ct);
        return Redirect($"/imports/{id:N}");
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Preview(Guid id, int page = 1, CancellationToken ct = default)
    {
        if (await ImportUploads.LoadAsync(Uploads, id, User.Scope().UserId, ct) is not { } upload)
        {
            return View(nameof(Index), new ImportIndexViewModel([t["Import.Expired"].Value]));
        }

        var result = await PreviewImport.HandleAsync(db, User.Scope(), time, upload.Content, ct);
        return result.Succeeded
            ? View(PreviewModel(ImportReportView.From(id, upload.FileName, result.Value!, t), page, commitFailed: false))
            : View(nameof(Index), new ImportIndexViewModel(result.Errors.Select(e => FieldErrors.Message(e, t)).ToList()));
    }

    [HttpPost("{id:guid}/commit")]
    public async Task<IActionResult> Commit(Guid id, bool invite, CancellationToken ct)
    {
        if (await ImportUploads.LoadAsync(Uploads, id, User.Scope().UserId, ct) is not { } upload)
        {
            return View(nameof(Index), new ImportIndexViewModel([t["Import.Expired"].Value]));
        }

        var started = await StartImport.HandleAsync(db, User.Scope(), actor, time, upload.FileName, upload.Content, ct,
            invite ? ImportInvitations.PublicUrl(config, Request) : null);
        if (!started.Succeeded)
        {
            return View(nameof(Index), new ImportIndexViewModel(started.Errors.Select(e => FieldErrors.Message(e, t)).ToList()));
        }

        ImportJob.Enqueue(jobs, started.Value);
        ImportUploads.Delete(Uploads, id);
        return Redirect($"/imports/runs/{started.Value:N}");
    }

    /// <summary>A background import: its progress bar while it runs (the page refreshes itself without JavaScript); then its result.</summary>
    [HttpGet("runs/{id:guid}")]
    public async Task<IActionResult> Run(Guid id, int page = 1, CancellationToken ct = default)
    {
        var result = await GetImportRun.HandleAsync(db, User.Scope(), id, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }

        var run = result.Value!;
        if (run is { Finished: true, Report: { } report })
        {
            var view = ImportReportView.From(id, run.FileName, report, t);
            return view.Committed ? View("Done", view) : View(nameof(Preview), PreviewModel(view, page, commitFailed: true));
        }

        return View(ImportRunView.From(run, t));
    }

    /// <summary>The progress bar's figures, polled by the run page's script.</summary>
    [HttpGet("runs/{id:guid}/status")]
    public async Task<IActionResult> RunStatus(Guid id, CancellationToken ct)
    {
        var result = await GetImportRun.HandleAsync(db, User.Scope(), id, ct);
        return result.Succeeded ? Json(ImportRunView.From(result.Value!, t)) : NotFound();
    }

    [HttpGet("enrol-organization")]
    public async Task<IActionResult> EnrolOrganization(int? offeringId, CancellationToken ct) =>
        View(await EnrolModelAsync(new EnrolOrganizationForm(offeringId, null, false), null, ct));

    [HttpPost("enrol-organization")]
    public async Task<IActionResult> EnrolOrganization([Bind(Prefix = "Form")] EnrolOrganizationForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = await Core.Imports.EnrolOrganization.HandleAsync(db, User.Scope(), time,
            new EnrolOrganizationRequest(form.OfferingId ?? 0, form.OrganizationId ?? 0, form.IncludeSubOrganizations), ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () => View(await EnrolModelAsync(form, null, ct)), "Form.");
        }

        var report = form.Invite
            ? result.Value! with { Invitations = await ImportInvitations.InviteOrganizationAsync(db, User.Scope(), actor, time, invitations, config, Request, form.OrganizationId ?? 0, form.IncludeSubOrganizations, ct) }
            : result.Value!;
        return View(await EnrolModelAsync(form, report, ct));
    }

    private ImportPreviewViewModel PreviewModel(ImportReportView report, int page, bool commitFailed)
    {
        var (number, _) = Page<ImportErrorView>.Clamp(page, ErrorsPerPage);
        var errors = new Page<ImportErrorView>(report.Errors.Skip((number - 1) * ErrorsPerPage).Take(ErrorsPerPage).ToList(), number, ErrorsPerPage, report.Errors.Count);
        return new ImportPreviewViewModel(report, errors, PagerModel.From(errors, Request), commitFailed);
    }

    private async Task<EnrolOrganizationViewModel> EnrolModelAsync(EnrolOrganizationForm form, EnrolOrganizationReport? result, CancellationToken ct) =>
        new(form, await EnrolOrganizationOptions.OpenOfferingsAsync(db, time, ct), await ListOrganizations.OptionsAsync(db, User.Scope(), ct), result,
            result?.IneligibleReasons.Select(r => (t[r.Key].Value, r.Value)).ToList() ?? []);
}

/// <summary>What the page and the API share about inviting an import's people.</summary>
public static class ImportInvitations
{
    /// <summary>Invites every person of the enrolled organisation (and those under it, when included) who has no account.</summary>
    public static async Task<InvitationReport?> InviteOrganizationAsync(TrainingHubDbContext db, ReaderScope scope, IAuditActor actor, TimeProvider time, InvitationSettings settings,
        IConfiguration config, HttpRequest request, int organizationId, bool includeSubOrganizations, CancellationToken ct)
    {
        var publicUrl = PublicUrl(config, request);
        return (await InviteOrganization.HandleAsync(db, scope, actor, time, settings, publicUrl, organizationId, includeSubOrganizations, ct)).Value;
    }

    /// <summary>The address invitation links start with: App:PublicUrl, or the request's own.</summary>
    public static string PublicUrl(IConfiguration config, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(request);
        return config["App:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
    }
}

/// <summary>What the page and the API share about reading an uploaded file.</summary>
public static class ImportRequests
{
    /// <summary>The file's bytes, or the error that stops it before any parsing (missing, too large).</summary>
    public static async Task<(byte[]? Content, FieldError? Error)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return (null, new FieldError("File", "Import.NoFile"));
        }

        if (file.Length > ParseImportFile.MaxBytes)
        {
            return (null, new FieldError("File", "Import.TooLarge", ParseImportFile.MaxBytes / (1024 * 1024)));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), null);
    }
}
