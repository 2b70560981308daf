using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.AtRisk;

/// <summary>The administrator's at-risk list: people in scope who can no longer reach a class's minimum or missed two sessions in a row.</summary>
[Route("at-risk")]
public sealed class AtRiskController(TrainingHubDbContext db) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Index(AtRiskCondition? condition, string? search, bool resolved = false, int page = 1, CancellationToken ct = default)
    {
        var filter = new AtRiskFilter(condition, search, resolved, page);
        var result = await ListAtRisk.HandleAsync(db, User.Scope(), filter, ct);
        return View(new AtRiskViewModel(result, filter, PagerModel.From(result, Request)));
    }
}
