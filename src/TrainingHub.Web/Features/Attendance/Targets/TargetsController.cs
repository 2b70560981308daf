using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.Targets;

public sealed record TargetsViewModel(TargetOutlookModel Outlook, TargetOutlookFilter Filter, PagerModel Pager);

/// <summary>The yearly target as a commitment: who of a programme's people will miss it, with the counts per organisation.</summary>
public sealed class TargetsController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("programmes/{programmeId:int}/targets")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(int programmeId, TargetStatus? status, string? search, int? organizationId, int page = 1, CancellationToken ct = default)
    {
        var filter = new TargetOutlookFilter(status, search, organizationId, page);
        var result = await GetTargetOutlook.HandleAsync(db, User.Scope(), time, programmeId, filter, ct);
        if (!result.Succeeded)
        {
            // A programme without a target: back to it, saying how to set one.
            return ErrorResponses.EndsTheScreen(result.Error!) ? this.Page(result.Error!) : this.Flash(result.Error!, t, $"/programmes/{programmeId}");
        }

        return View(new TargetsViewModel(result.Value!, filter, PagerModel.From(result.Value!.People, Request)));
    }
}

[Route("api/v1/programmes/{programmeId:int}/target-outlook")]
public sealed class TargetsApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>
    /// Who of a programme's members and seated participants will miss its yearly target: credited minutes this year,
    /// minutes of the year's sessions still to come where they hold a seat, and the status (met, on track, will miss),
    /// with the counts per organisation. Filtered by status, person (name or CPF) and organisation; paged.
    /// </summary>
    [HttpGet]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Validation)]
    public async Task<ActionResult<TargetOutlookModel>> Get(int programmeId, TargetStatus? status, string? search, int? organizationId,
        int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        var result = await GetTargetOutlook.HandleAsync(db, User.Scope(), time, programmeId, new TargetOutlookFilter(status, search, organizationId, page, pageSize), ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }
}
