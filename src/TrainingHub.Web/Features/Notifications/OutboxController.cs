using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Notifications;

/// <summary>
/// The outbox and the scheduled jobs, for administrators of the whole installation only (an organisation's
/// administrator sees messages of other organisations here, so scoped administrators get 403).
/// </summary>
[Route("admin/outbox")]
[Authorize(Policy = Policies.Administrator)]
public sealed class OutboxController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IServiceProvider services, IOptions<JobsOptions> jobs, JobResults results, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Index(OutboxStatus? status, string? type, string? search, int page = 1, CancellationToken ct = default)
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        var filter = new OutboxFilter(status, type, search, page);
        var rows = await ListOutbox.HandleAsync(db, filter, ct);
        return View(new OutboxViewModel(rows, filter, PagerModel.From(rows, Request), await ListOutbox.CountsAsync(db, ct), await ListOutbox.TypesAsync(db, ct),
            JobViews.Read(services, jobs.Value, results), jobs.Value.Enabled));
    }

    [HttpGet("{id:long}")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Details(long id, CancellationToken ct)
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        return await ListOutbox.DetailAsync(db, id, ct) is { } detail ? View(detail) : NotFound();
    }

    [HttpPost("{id:long}/retry")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Retry(long id, bool confirm, CancellationToken ct)
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        if (!confirm)
        {
            return Unconfirmed(id);
        }

        return Answer(id, await ChangeOutboxMessage.RetryAsync(db, time, actor, id, ct), "Outbox.Retried");
    }

    [HttpPost("{id:long}/cancel")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Cancel(long id, bool confirm, CancellationToken ct)
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        if (!confirm)
        {
            return Unconfirmed(id);
        }

        return Answer(id, await ChangeOutboxMessage.CancelAsync(db, time, actor, id, ct), "Outbox.Cancelled");
    }

    /// <summary>Retry and cancel act only once the administrator ticked the box that says what will happen.</summary>
    private RedirectResult Unconfirmed(long id)
    {
        TempData["Flash"] = t["Outbox.ConfirmRequired"].Value;
        return Redirect($"/admin/outbox/{id}");
    }

    private IActionResult Answer(long id, Result<OutboxStatus> result, string okKey)
    {
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/admin/outbox/{id}");
        }

        TempData["Flash"] = t[okKey].Value;
        return Redirect($"/admin/outbox/{id}");
    }
}
