using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Features.Surveys.Evaluations;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Needs;

public sealed record NeedsSurveySaved(int Id);

public sealed record NeedsSurveySent(int Queued);

public sealed record NeedsTopicLinked(int LinkId);

/// <summary>
/// Training-needs surveys over /api/v1: a programme's surveys, creating and changing one, sending it, results in
/// aggregate (the same rules as the page), linking demanded topics to courses and classes, and for the people asked
/// their surveys, the form with their answers and answering (again).
/// </summary>
[Route("api/v1")]
public sealed class NeedsSurveysApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet("programmes/{id:int}/needs-surveys")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<IReadOnlyList<NeedsSurveyRow>>> List(int id, CancellationToken ct) =>
        await GetNeedsResults.ProgrammeNameAsync(db, User.Scope(), id, ct) is null ? NotFound() : Ok(await GetNeedsResults.ListAsync(db, User.Scope(), id, ct));

    [HttpPost("programmes/{id:int}/needs-surveys")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType<NeedsSurveySaved>(StatusCodes.Status201Created)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<NeedsSurveySaved>> Create(int id, NeedsSurveyRequest body, CancellationToken ct)
    {
        var result = await SaveNeedsSurvey.HandleAsync(db, User.Scope(), time, id, null, body, ct);
        return result.Succeeded ? StatusCode(StatusCodes.Status201Created, new NeedsSurveySaved(result.Value)) : this.Problem(result.Error!, t);
    }

    [HttpPut("programmes/{id:int}/needs-surveys/{surveyId:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<NeedsSurveySaved>> Update(int id, int surveyId, NeedsSurveyRequest body, CancellationToken ct)
    {
        var result = await SaveNeedsSurvey.HandleAsync(db, User.Scope(), time, id, surveyId, body, ct);
        return result.Succeeded ? new NeedsSurveySaved(result.Value) : this.Problem(result.Error!, t);
    }

    /// <summary>Queues the invitation to everyone asked who has not had it yet; sending again reaches only newcomers.</summary>
    [HttpPost("needs-surveys/{id:int}/send")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<NeedsSurveySent>> Send(int id, CancellationToken ct)
    {
        var result = await SendNeedsSurvey.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? new NeedsSurveySent(result.Value) : this.Problem(result.Error!, t);
    }

    /// <summary>Results in aggregate: response rates per organisation always; topics and answers only from five responses up.</summary>
    [HttpGet("needs-surveys/{id:int}/results")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<NeedsResults>> Results(int id, CancellationToken ct) =>
        await GetNeedsResults.HandleAsync(db, User.Scope(), time, id, ct) is { } results ? results : NotFound();

    [HttpPost("needs-surveys/{id:int}/links")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType<NeedsTopicLinked>(StatusCodes.Status201Created)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<NeedsTopicLinked>> Link(int id, NeedsTopicLinkRequest body, CancellationToken ct)
    {
        var result = await LinkNeedsTopic.AddAsync(db, User.Scope(), time, id, body, ct);
        return result.Succeeded ? StatusCode(StatusCodes.Status201Created, new NeedsTopicLinked(result.Value)) : this.Problem(result.Error!, t);
    }

    [HttpDelete("needs-surveys/{id:int}/links/{linkId:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult> Unlink(int id, int linkId, CancellationToken ct)
    {
        var result = await LinkNeedsTopic.RemoveAsync(db, User.Scope(), id, linkId, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }

    [HttpGet("needs/mine")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<IReadOnlyList<NeedsSurveyInvitationRow>>> Mine(CancellationToken ct) =>
        User.Scope().PersonId is { } personId ? Ok(await AnswerNeedsSurvey.MineAsync(db, time, personId, ct)) : NotFound();

    [HttpGet("needs/{id:int}")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<NeedsAnswerForm>> Get(int id, CancellationToken ct) =>
        User.Scope().PersonId is { } personId && await AnswerNeedsSurvey.GetAsync(db, time, personId, id, ct) is { } form ? form : NotFound();

    /// <summary>Answers the survey for the person's organisation, or changes the answers already given (until the deadline): never a second response.</summary>
    [HttpPut("needs/{id:int}")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<EvaluationSaved>> Answer(int id, EvaluationAnswersBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (User.Scope().PersonId is not { } personId)
        {
            return NotFound();
        }

        var result = await AnswerNeedsSurvey.SubmitAsync(db, time, personId, id, body.Answers ?? new Dictionary<int, IReadOnlyList<string>>(), ct);
        return result.Succeeded ? new EvaluationSaved(result.Value) : this.Problem(result.Error!, t);
    }
}
