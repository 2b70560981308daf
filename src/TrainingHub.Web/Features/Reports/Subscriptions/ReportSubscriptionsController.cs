using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Reports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Reports.Subscriptions;

public sealed record ReportSubscriptionsViewModel(Page<ReportSubscriptionModel> Page, PagerModel Pager, bool IncludeCancelled);

/// <summary>Monthly reports by email: subscribe from the reports screen with its filters; list and cancel one's own subscriptions.</summary>
[Route("reports/subscriptions")]
public sealed class ReportSubscriptionsController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(bool cancelled = false, int page = 1, CancellationToken ct = default)
    {
        var result = await ListReportSubscriptions.HandleAsync(db, User.Scope(), cancelled, page, 20, ct);
        return View(new ReportSubscriptionsViewModel(result, PagerModel.From(result, Request), cancelled));
    }

    [HttpPost("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Subscribe(ReportKind kind, int? programmeId = null, int? organizationId = null, int? offeringId = null, CancellationToken ct = default)
    {
        var result = await SubscribeToReport.HandleAsync(db, User.Scope(), time, kind, new ReportSubscriptionFilters(programmeId, organizationId, offeringId), ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, "/reports/subscriptions");
        }

        TempData["Flash"] = t["ReportSubscription.Created"].Value;
        return Redirect("/reports/subscriptions");
    }

    [HttpPost("{id:int}/cancel")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Cancel(int id, CancellationToken ct)
    {
        var result = await CancelReportSubscription.HandleAsync(db, User.Scope(), time, id, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, "/reports/subscriptions");
        }

        TempData["Flash"] = t["ReportSubscription.Cancelled"].Value;
        return Redirect("/reports/subscriptions");
    }
}
