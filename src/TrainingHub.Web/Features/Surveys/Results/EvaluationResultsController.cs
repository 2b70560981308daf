using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Results;

/// <summary>Course evaluation results in aggregate (from five answers up), for administrators and auditors in scope and for instructors of their classes.</summary>
public sealed class EvaluationResultsController(TrainingHubDbContext db) : Controller
{
    [HttpGet("evaluations/results")]
    [Authorize(Policy = Policies.Results)]
    public async Task<IActionResult> Index(int? programmeId, int? courseId, int? offeringId, int? instructorId, CancellationToken ct) =>
        View(await GetEvaluationResults.HandleAsync(db, User.Scope(), new EvaluationFilter(programmeId, courseId, offeringId, instructorId), ct));
}

/// <summary>Aggregated evaluation results over /api/v1 (the same rules as the page: scope and the five-answer threshold).</summary>
[Route("api/v1/evaluations/results")]
public sealed class EvaluationResultsApiController(TrainingHubDbContext db) : ApiControllerBase
{
    [HttpGet("")]
    [Authorize(Policy = Policies.Results)]
    public Task<EvaluationResults> Get(int? programmeId, int? courseId, int? offeringId, int? instructorId, CancellationToken ct) =>
        GetEvaluationResults.HandleAsync(db, User.Scope(), new EvaluationFilter(programmeId, courseId, offeringId, instructorId), ct);
}
