using System.IO.Compression;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Certificates;

public sealed record MyCertificatesViewModel(IReadOnlyList<CertificateItem> Items, IReadOnlyList<int> Years, int Year, DateTime Now, bool FocalPoint = false);

public sealed record ManageCertificateViewModel(CertificateItem Item, VerificationResult Details, int? OfferingId, string? Reason, bool UnderReview = false, ReviewKept? Kept = null);

public sealed record CertificateSettingsViewModel(CertificateSettingsModel Model);

/// <summary>
/// Certificates on screen: "Meus certificados" (download each PDF, a transcript for a year), an administrator's class
/// certificates (issue now, ZIP of all), revoke and reissue, and a programme's certificate settings.
/// </summary>
public sealed class CertificatesController(TrainingHubDbContext db, TimeProvider time, IssueSettings settings, IAuditActor actor, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("certificates")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Mine(CancellationToken ct)
    {
        if (User.Scope().PersonId is not { } personId)
        {
            return NotFound();
        }

        var items = await ListMyCertificates.HandleAsync(db, personId, ct);
        var year = SaoPaulo.Today(time).Year;
        return View(new MyCertificatesViewModel(items, Enumerable.Range(year - 5, 6).Reverse().ToList(), year, time.GetUtcNow().UtcDateTime,
            await OrganizationCertificates.IsFocalPointAsync(db, personId, ct)));
    }

    [HttpGet("certificates/organization.zip")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> OrganizationZip(CancellationToken ct)
    {
        var org = await OrganizationCertificates.HandleAsync(db, User.Scope(), ct);
        if (!org.Succeeded)
        {
            return this.Page(org.Error!);
        }

        await CertificateZip.WriteAsync(HttpContext, GetCertificateFile.OrganizationFilesAsync(db, org.Value!.Path, ct), org.Value.FileName, ct);
        return new EmptyResult();
    }

    [HttpGet("certificates/{id:int}/pdf")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Pdf(int id, CancellationToken ct)
    {
        var file = await GetCertificateFile.HandleAsync(db, User.Scope(), time, id, ct);
        return file.Succeeded ? File(file.Value!.Content, "application/pdf", file.Value.FileName) : this.Flash(file.Error!, t, "/evaluations");
    }

    [HttpPost("certificates/transcript")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Transcript(int year, int? personId, CancellationToken ct)
    {
        var scope = User.Scope();
        if ((personId ?? scope.PersonId) is not { } who || year < 2000 || year > 2100)
        {
            return NotFound();
        }

        var result = await IssueTranscript.HandleAsync(db, scope, time, settings, who, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct);
        return result.Succeeded ? Redirect($"/certificates/{result.Value!.Id}/pdf") : this.Page(result.Error!);
    }

    [HttpGet("offerings/{id:int}/certificates")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Class(int id, string? search, int page = 1, CancellationToken ct = default)
    {
        var result = await ListClassCertificates.HandleAsync(db, User.Scope(), id, search, page, 50, ct);
        ViewData["Search"] = search;
        if (!result.Succeeded && await ListSeriesCertificates.HandleAsync(db, User.Scope(), id, search, page, 50, ct) is { Succeeded: true } series)
        {
            return View("Series", series.Value!);
        }

        return result.Succeeded ? View(result.Value!) : this.Page(result.Error!);
    }

    [HttpPost("offerings/{id:int}/certificates/issue")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Issue(int id, CancellationToken ct)
    {
        var result = await IssueClassCertificates.HandleAsync(db, User.Scope(), time, settings, id, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/offerings/{id}/certificates");
        }

        TempData["Flash"] = t.Count("Certificate.IssuedCount", result.Value!.Issued).Value;
        return Redirect($"/offerings/{id}/certificates");
    }

    [HttpGet("offerings/{id:int}/certificates.zip")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Zip(int id, CancellationToken ct)
    {
        var code = await CertificateZip.OfferingCodeAsync(db, User.Scope(), id, ct);
        if (!code.Succeeded)
        {
            return this.Page(code.Error!);
        }

        await CertificateZip.WriteAsync(HttpContext, GetCertificateFile.ClassFilesAsync(db, id, ct), $"certificates-{code.Value}.zip", ct);
        return new EmptyResult();
    }

    [HttpGet("certificates/{id:int}/manage")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Manage(int id, CancellationToken ct)
    {
        var model = await ManageModelAsync(id, null, ct);
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("certificates/{id:int}/revoke")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Revoke(int id, string? reason, CancellationToken ct)
    {
        var result = await RevokeCertificate.HandleAsync(db, User.Scope(), time, actor, id, reason, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t["Certificate.RevokedFlash"].Value;
            return Redirect($"/certificates/{id}/manage");
        }

        return await this.FormAsync(result.Error!, t, async () => await ManageModelAsync(id, reason, ct) is { } model ? View("Manage", model) : NotFound());
    }

    [HttpPost("certificates/{id:int}/keep")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Keep(int id, string? reason, CancellationToken ct)
    {
        var result = await KeepCertificate.HandleAsync(db, User.Scope(), time, actor, id, reason, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t["Certificate.KeptFlash"].Value;
            return Redirect($"/certificates/{id}/manage");
        }

        return await this.FormAsync(result.Error!, t, async () => await ManageModelAsync(id, reason, ct) is { } model ? View("Manage", model) : NotFound());
    }

    [HttpPost("certificates/{id:int}/reissue")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Reissue(int id, string? reason, CancellationToken ct)
    {
        var result = await ReissueCertificate.HandleAsync(db, User.Scope(), time, actor, settings, id, reason, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t["Certificate.ReissuedFlash", result.Value!.NewCode].Value;
            return Redirect($"/certificates/{result.Value.NewId}/manage");
        }

        return await this.FormAsync(result.Error!, t, async () => await ManageModelAsync(id, reason, ct) is { } model ? View("Manage", model) : NotFound());
    }

    [HttpGet("programmes/{id:int}/certificate-settings")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Settings(int id, CancellationToken ct)
    {
        var result = await SaveCertificateSettings.GetAsync(db, User.Scope(), id, ct);
        return result.Succeeded ? View(new CertificateSettingsViewModel(result.Value!)) : this.Page(result.Error!);
    }

    [HttpPost("programmes/{id:int}/certificate-settings")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Settings(int id, CertificateSettingsInput input, CancellationToken ct)
    {
        var result = await SaveCertificateSettings.HandleAsync(db, User.Scope(), time, id, input, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t["Certificate.SettingsSaved"].Value;
            return Redirect($"/programmes/{id}/certificate-settings");
        }

        return await this.FormAsync(result.Error!, t, async () => await SaveCertificateSettings.GetAsync(db, User.Scope(), id, ct) is { Succeeded: true } current
            ? View(new CertificateSettingsViewModel(current.Value! with { Input = input }))
            : NotFound());
    }

    private async Task<ManageCertificateViewModel?> ManageModelAsync(int id, string? reason, CancellationToken ct)
    {
        var info = await CertificateDetails.HandleAsync(db, User.Scope(), time, id, ct);
        return info is null ? null : new ManageCertificateViewModel(info.Item, info.Details, info.OfferingId, reason, info.UnderReview, info.Kept);
    }
}

/// <summary>Streams valid certificates (a class's, a series', an organisation's) as one ZIP of their stored PDFs.</summary>
public static class CertificateZip
{
    /// <summary>The code of a class or series the administrator may see (the ZIP's name), or not found.</summary>
    public static async Task<Result<string>> OfferingCodeAsync(TrainingHubDbContext db, TrainingHub.Core.Accounts.ReaderScope scope, int id, CancellationToken ct)
    {
        var model = await ListClassCertificates.HandleAsync(db, scope, id, null, 1, 1, ct);
        if (model.Succeeded)
        {
            return Result<string>.Ok(model.Value!.Code);
        }

        var series = await ListSeriesCertificates.HandleAsync(db, scope, id, null, 1, 1, ct);
        return series.Succeeded ? Result<string>.Ok(series.Value!.Code) : model.Error!;
    }

    public static async Task WriteAsync(HttpContext http, IAsyncEnumerable<(string FileName, byte[] Pdf)> files, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(http);
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // ZipArchive writes synchronously when an entry closes; the archive streams straight to the client.
        if (http.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        using var zip = new ZipArchive(http.Response.Body, ZipArchiveMode.Create, leaveOpen: true);
        await foreach (var (name, pdf) in files.WithCancellation(ct))
        {
            var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
            await using var s = entry.Open();
            await s.WriteAsync(pdf, ct);
        }
    }
}
