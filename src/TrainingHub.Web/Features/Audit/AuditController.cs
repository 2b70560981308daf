using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Audit;

public sealed record AuditViewModel(Page<AuditRow> Page, AuditFilter Filter, PagerModel Pager, ChainVerification? Verification, bool MayVerify, AuditStatus? Status);

/// <summary>
/// The audit trail: browse and filter entries, export them as CSV, verify the chain; readers of the whole installation
/// also see the sealing status (entries waiting, the latest checkpoint, the scheduled verification's verdict).
/// </summary>
[Route("audit")]
public sealed class AuditController(TrainingHubDbContext db, AuditSealing sealing, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(string? entityType, string? entityId, string? actor, DateOnly? from, DateOnly? to, int page = 1, bool verify = false, CancellationToken ct = default)
    {
        var scope = User.Scope();
        var filter = new AuditFilter(entityType, entityId, actor, from, to, page);
        var listed = await ListAuditEntries.HandleAsync(db, scope, time, filter, ct);
        if (!listed.Succeeded)
        {
            return ErrorResponses.Refusal(ControllerContext, listed.Error!, t);
        }

        var result = listed.Value!;
        var verification = verify && scope.IsWholeInstallation ? await VerifyAuditChain.HandleAsync(db, sealing, ct) : null;
        var status = scope.IsWholeInstallation ? await GetAuditStatus.HandleAsync(db, sealing, time, ct) : null;
        return View(new AuditViewModel(result, filter, PagerModel.From(result, Request), verification, scope.IsWholeInstallation, status));
    }

    [HttpGet("export.csv")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Export(string? entityType, string? entityId, string? actor, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        var filter = new AuditFilter(entityType, entityId, actor, from, to);
        if (ListAuditEntries.Refusal(filter, time) is { } refusal)
        {
            return ErrorResponses.Refusal(ControllerContext, refusal, t);
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
        Response.Headers.CacheControl = "no-store";
        await ListAuditEntries.WriteCsvAsync(db, User.Scope(), filter, Response.Body, ct);
        return new EmptyResult();
    }
}

/// <summary>The verdict on the whole chain: intact, or the first problem and the entry where it was found.</summary>
public sealed record AuditVerificationAnswer(bool Intact, string Problem, long? Sequence, long Checked, long LastSequence);

[Route("api/v1/audit")]
public sealed class AuditApiController(TrainingHubDbContext db, AuditSealing sealing, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>Audit entries in the caller's scope, newest first.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.Validation)]
    public async Task<ActionResult<Page<AuditRow>>> List(string? entityType, string? entityId, string? actor, DateOnly? from, DateOnly? to, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var result = await ListAuditEntries.HandleAsync(db, User.Scope(), time, new AuditFilter(entityType, entityId, actor, from, to, page, pageSize), ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    /// <summary>Verifies the whole hash chain: the first entry altered, removed or inserted (readers of the whole installation).</summary>
    [HttpGet("verify")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<ActionResult<AuditVerificationAnswer>> Verify(CancellationToken ct)
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        var v = await VerifyAuditChain.HandleAsync(db, sealing, ct);
        return new AuditVerificationAnswer(v.Intact, v.Problem.ToString(), v.Sequence, v.Checked, v.LastSequence);
    }

    /// <summary>
    /// The sealing status: entries waiting to be sealed (lagging: the oldest waits longer than 5 s), the chain's end, the
    /// latest checkpoint and the scheduled verification's last verdict (readers of the whole installation).
    /// </summary>
    [HttpGet("status")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<ActionResult<AuditStatus>> Status(CancellationToken ct) =>
        User.Scope().IsWholeInstallation ? await GetAuditStatus.HandleAsync(db, sealing, time, ct) : Forbid();
}
