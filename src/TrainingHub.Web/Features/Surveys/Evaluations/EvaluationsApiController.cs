using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Evaluations;

/// <summary>The answers of one evaluation: by question id, the chosen option positions (in order of preference for ranked topics), the grade 1–5 or the text.</summary>
public sealed record EvaluationAnswersBody(IReadOnlyDictionary<int, IReadOnlyList<string>>? Answers);

public sealed record EvaluationSaved(int ResponseId);

/// <summary>Course evaluation over /api/v1: my evaluations, the form with my answers, answering (again), and a programme's settings.</summary>
[Route("api/v1")]
public sealed class EvaluationsApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet("evaluations/mine")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<IReadOnlyList<EvaluationInvitation>>> Mine(CancellationToken ct) =>
        User.Scope().PersonId is { } personId ? Ok(await MyEvaluations.HandleAsync(db, personId, null, ct)) : NotFound();

    [HttpGet("evaluations/{kind:regex(^(class|session)$)}/{id:int}")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<EvaluationForm>> Get(string kind, int id, CancellationToken ct) =>
        User.Scope().PersonId is { } personId && await AnswerEvaluation.GetAsync(db, time, personId, EvaluationKeys.Of(kind, id), ct) is { } form
            ? form
            : NotFound();

    /// <summary>Answers the evaluation, or changes the answers already given (until the deadline): never a second response.</summary>
    [HttpPut("evaluations/{kind:regex(^(class|session)$)}/{id:int}")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<EvaluationSaved>> Answer(string kind, int id, EvaluationAnswersBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (User.Scope().PersonId is not { } personId)
        {
            return NotFound();
        }

        var result = await AnswerEvaluation.SubmitAsync(db, time, personId, EvaluationKeys.Of(kind, id), body.Answers ?? new Dictionary<int, IReadOnlyList<string>>(), ct);
        return result.Succeeded ? new EvaluationSaved(result.Value) : this.Problem(result.Error!, t);
    }

    [HttpGet("programmes/{id:int}/evaluation")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<ProgrammeEvaluationModel>> Settings(int id, CancellationToken ct) =>
        await SaveProgrammeEvaluation.GetAsync(db, User.Scope(), id, ct) is { } model ? model : NotFound();

    [HttpPut("programmes/{id:int}/evaluation")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<ProgrammeEvaluationRequest>> SaveSettings(int id, ProgrammeEvaluationRequest body, CancellationToken ct)
    {
        var result = await SaveProgrammeEvaluation.HandleAsync(db, User.Scope(), id, body, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }
}
