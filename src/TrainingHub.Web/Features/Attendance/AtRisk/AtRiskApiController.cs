using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.AtRisk;

/// <summary>The at-risk list over /api/v1: trainees whose attendance puts their completion in doubt.</summary>
[Route("api/v1")]
public sealed class AtRiskApiController(TrainingHubDbContext db) : ApiControllerBase
{
    [HttpGet("at-risk")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<Page<AtRiskRow>> AtRisk(AtRiskCondition? condition, string? search, bool includeResolved = false, int page = 1, int pageSize = 25, CancellationToken ct = default) =>
        ListAtRisk.HandleAsync(db, User.Scope(), new AtRiskFilter(condition, search, includeResolved, page, pageSize), ct);
}
