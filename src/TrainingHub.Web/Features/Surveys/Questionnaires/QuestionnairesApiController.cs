using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Questionnaires;

/// <summary>Questionnaires over /api/v1: list, read (latest version) and save (a change after answers makes a new version).</summary>
[Route("api/v1/questionnaires")]
[Authorize(Policy = Policies.Administrator)]
public sealed class QuestionnairesApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet("")]
    public Task<IReadOnlyList<QuestionnaireRow>> List(CancellationToken ct) => GetQuestionnaire.ListAsync(db, User.Scope(), ct);

    [HttpGet("{id:int}")]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<QuestionnaireDetails>> Get(int id, CancellationToken ct) =>
        await GetQuestionnaire.HandleAsync(db, User.Scope(), id, ct) is { } details ? details : NotFound();

    [HttpPost("")]
    [ProducesResponseType<SavedQuestionnaire>(StatusCodes.Status201Created)]
    [Refuses(ErrorKind.Validation)]
    public async Task<ActionResult<SavedQuestionnaire>> Create(SaveQuestionnaireRequest body, CancellationToken ct)
    {
        var result = await SaveQuestionnaire.HandleAsync(db, User.Scope(), time, null, body, ct);
        return result.Succeeded ? StatusCode(StatusCodes.Status201Created, result.Value) : this.Problem(result.Error!, t);
    }

    [HttpPut("{id:int}")]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<SavedQuestionnaire>> Update(int id, SaveQuestionnaireRequest body, CancellationToken ct)
    {
        var result = await SaveQuestionnaire.HandleAsync(db, User.Scope(), time, id, body, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }
}
