using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Reports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Reports.Subscriptions;

public sealed record ReportSubscriptionBody(ReportKind Kind, int? ProgrammeId = null, int? OrganizationId = null, int? OfferingId = null);

/// <summary>The caller's monthly report subscriptions (XLSX by email on the 1st, covering the month before).</summary>
[Route("api/v1/report-subscriptions")]
public sealed class ReportSubscriptionsApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<Page<ReportSubscriptionModel>> List(bool cancelled = false, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        await ListReportSubscriptions.HandleAsync(db, User.Scope(), cancelled, page, pageSize, ct);

    [HttpPost("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.Forbidden)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType<ReportSubscriptionModel>(StatusCodes.Status201Created)]
    public async Task<ActionResult<ReportSubscriptionModel>> Create(ReportSubscriptionBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await SubscribeToReport.HandleAsync(db, User.Scope(), time, body.Kind, new ReportSubscriptionFilters(body.ProgrammeId, body.OrganizationId, body.OfferingId), ct);
        return result.Succeeded ? Created($"/api/v1/report-subscriptions/{result.Value!.Id}", result.Value) : this.Problem(result.Error!, t);
    }

    [HttpDelete("{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Cancel(int id, CancellationToken ct)
    {
        var result = await CancelReportSubscription.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }
}
