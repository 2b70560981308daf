using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Features.Certificates.Verify;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Certificates;

public sealed record ReasonBody(string? Reason);

public sealed record TranscriptBody(int? PersonId, int? Year, DateOnly? From, DateOnly? To);

[Route("api/v1")]
public sealed class CertificatesApiController(TrainingHubDbContext db, TimeProvider time, IssueSettings settings, IAuditActor actor, IConfiguration config,
    IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>Public verification: 200 with the certificate's status, or 404 with the same shape for any miss (unknown or malformed).</summary>
    [HttpGet("verify/{code}")]
    [AllowAnonymous]
    [EnableRateLimiting(HostSetup.VerifyRateLimit)]
    [ProducesResponseType<VerificationResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<VerificationResult>(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status429TooManyRequests)]
    public async Task<ActionResult<VerificationResult>> Verify(string code, CancellationToken ct)
    {
        var result = await VerifyCertificate.HandleAsync(db, time, code, VerifyController.MinimumDuration(config), ct);
        Response.Headers.CacheControl = "no-store";
        return result.Found ? result : NotFound(result);
    }

    [HttpGet("certificates/mine")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<IReadOnlyList<CertificateItem>>> Mine(CancellationToken ct) =>
        User.Scope().PersonId is { } personId ? Ok(await ListMyCertificates.HandleAsync(db, personId, ct)) : NotFound();

    [HttpGet("certificates/{id:int}/pdf")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "application/pdf")]
    public async Task<IActionResult> Pdf(int id, CancellationToken ct)
    {
        var file = await GetCertificateFile.HandleAsync(db, User.Scope(), time, id, ct);
        return file.Succeeded ? File(file.Value!.Content, "application/pdf", file.Value.FileName) : this.Problem(file.Error!, t);
    }

    [HttpGet("certificates/{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<CertificateDetailsModel>> Details(int id, CancellationToken ct) =>
        await CertificateDetails.HandleAsync(db, User.Scope(), time, id, ct) is { } model ? model : NotFound();

    /// <summary>Issues (or returns, when unchanged) the transcript of a year or a date range; yourself, or a person in an administrator's scope.</summary>
    [HttpPost("transcripts")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<TranscriptIssued>> Transcript(TranscriptBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var scope = User.Scope();
        if ((body.PersonId ?? scope.PersonId) is not { } who)
        {
            return NotFound();
        }

        DateOnly from, to;
        if (body.Year is { } year and >= 2000 and <= 2100)
        {
            (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        }
        else if (body.From is { } f && body.To is { } u)
        {
            (from, to) = (f, u);
        }
        else
        {
            return this.Problem(new Core.Common.FieldError("Year", "Certificate.PeriodInvalid"), t);
        }

        var result = await IssueTranscript.HandleAsync(db, scope, time, settings, who, from, to, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    [HttpGet("offerings/{id:int}/certificates")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<Core.Certificates.ClassCertificatesModel>> Class(int id, string? search, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var result = await ListClassCertificates.HandleAsync(db, User.Scope(), id, search, page, pageSize, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    [HttpPost("offerings/{id:int}/certificates/issue")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<IssueOutcome>> Issue(int id, CancellationToken ct)
    {
        var result = await IssueClassCertificates.HandleAsync(db, User.Scope(), time, settings, id, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    [HttpGet("offerings/{id:int}/certificates.zip")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "application/zip")]
    public async Task<IActionResult> Zip(int id, CancellationToken ct)
    {
        var code = await CertificateZip.OfferingCodeAsync(db, User.Scope(), id, ct);
        if (!code.Succeeded)
        {
            return this.Problem(code.Error!, t);
        }

        await CertificateZip.WriteAsync(HttpContext, GetCertificateFile.ClassFilesAsync(db, id, ct), $"certificates-{code.Value}.zip", ct);
        return new EmptyResult();
    }

    /// <summary>The participation certificates of a webinar series, meeting or event.</summary>
    [HttpGet("offerings/{id:int}/participation-certificates")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<SeriesCertificatesModel>> Series(int id, string? search, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var result = await ListSeriesCertificates.HandleAsync(db, User.Scope(), id, search, page, pageSize, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    /// <summary>A focal point's ZIP of the valid certificates of their organisation's people.</summary>
    [HttpGet("certificates/organization.zip")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Forbidden)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "application/zip")]
    public async Task<IActionResult> OrganizationZip(CancellationToken ct)
    {
        var org = await OrganizationCertificates.HandleAsync(db, User.Scope(), ct);
        if (!org.Succeeded)
        {
            return this.Problem(org.Error!, t);
        }

        await CertificateZip.WriteAsync(HttpContext, GetCertificateFile.OrganizationFilesAsync(db, org.Value!.Path, ct), org.Value.FileName, ct);
        return new EmptyResult();
    }

    [HttpPost("certificates/{id:int}/revoke")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Revoke(int id, ReasonBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await RevokeCertificate.HandleAsync(db, User.Scope(), time, actor, id, body.Reason, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }

    /// <summary>Keeps a certificate under review valid, with a reason (it leaves "under review").</summary>
    [HttpPost("certificates/{id:int}/keep")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<IActionResult> Keep(int id, ReasonBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await KeepCertificate.HandleAsync(db, User.Scope(), time, actor, id, body.Reason, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }

    [HttpPost("certificates/{id:int}/reissue")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<ReissueOutcome>> Reissue(int id, ReasonBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await ReissueCertificate.HandleAsync(db, User.Scope(), time, actor, settings, id, body.Reason, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    [HttpGet("programmes/{id:int}/certificate-settings")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<CertificateSettingsModel>> GetSettings(int id, CancellationToken ct)
    {
        var result = await SaveCertificateSettings.GetAsync(db, User.Scope(), id, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    [HttpPut("programmes/{id:int}/certificate-settings")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<CertificateSettingsModel>> PutSettings(int id, CertificateSettingsInput body, CancellationToken ct)
    {
        var result = await SaveCertificateSettings.HandleAsync(db, User.Scope(), time, id, body, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        return (await SaveCertificateSettings.GetAsync(db, User.Scope(), id, ct)).Value!;
    }
}
