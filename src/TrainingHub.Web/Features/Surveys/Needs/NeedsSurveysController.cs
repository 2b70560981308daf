using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Features.Surveys.Evaluations;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Needs;

/// <summary>What the needs survey form posts.</summary>
public sealed class NeedsSurveyInput
{
    public int? QuestionnaireId { get; set; }
    public string? Cycle { get; set; }
    public DateOnly? ClosesOn { get; set; }
    public NeedsAudience Audience { get; set; }
    public List<int> OrganizationIds { get; set; } = [];

    public NeedsSurveyRequest ToRequest() => new(QuestionnaireId, Cycle, ClosesOn, Audience, OrganizationIds);
}

public sealed record NeedsSurveysViewModel(int ProgrammeId, string Programme, IReadOnlyList<NeedsSurveyRow> Surveys, bool CanEdit);

public sealed record NeedsResultsViewModel(NeedsResults Results, bool CanEdit);

/// <summary>
/// Training-needs surveys of a programme: the list, the form (administrators of the owning organisation), sending,
/// results (administrators and auditors in scope) with links from demanded topics to what was offered, and the answer
/// form for the people asked.
/// </summary>
public sealed class NeedsSurveysController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("programmes/{id:int}/needs")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(int id, CancellationToken ct)
    {
        var programme = await GetNeedsResults.ProgrammeNameAsync(db, User.Scope(), id, ct);
        return programme is null
            ? NotFound()
            : View(new NeedsSurveysViewModel(id, programme, await GetNeedsResults.ListAsync(db, User.Scope(), id, ct), User.Scope().IsAdministrator));
    }

    [HttpGet("programmes/{id:int}/needs/new")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> New(int id, CancellationToken ct) =>
        await SaveNeedsSurvey.GetAsync(db, User.Scope(), id, null, ct) is { } form ? View("Edit", form) : NotFound();

    [HttpGet("programmes/{id:int}/needs/{surveyId:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, int surveyId, CancellationToken ct) =>
        await SaveNeedsSurvey.GetAsync(db, User.Scope(), id, surveyId, ct) is { } form ? View("Edit", form) : NotFound();

    [HttpPost("programmes/{id:int}/needs/new")]
    [HttpPost("programmes/{id:int}/needs/{surveyId:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Save(int id, int? surveyId, NeedsSurveyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await SaveNeedsSurvey.HandleAsync(db, User.Scope(), time, id, surveyId, input.ToRequest(), ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t["Survey.NeedsSaved"].Value;
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/needs-surveys/{result.Value}"));
        }

        return await this.FormAsync(result.Error!, t, async () =>
            await SaveNeedsSurvey.GetAsync(db, User.Scope(), id, surveyId, ct) is { } form
                ? View("Edit", form with
                {
                    QuestionnaireId = input.QuestionnaireId ?? form.QuestionnaireId,
                    Cycle = input.Cycle,
                    ClosesOn = input.ClosesOn,
                    Audience = input.Audience,
                    OrganizationIds = input.OrganizationIds,
                })
                : NotFound());
    }

    [HttpGet("needs-surveys/{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Results(int id, CancellationToken ct) =>
        await GetNeedsResults.HandleAsync(db, User.Scope(), time, id, ct) is { } results
            ? View(new NeedsResultsViewModel(results, User.Scope().IsAdministrator))
            : NotFound();

    [HttpPost("needs-surveys/{id:int}/send")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Send(int id, CancellationToken ct)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"/needs-surveys/{id}");
        var result = await SendNeedsSurvey.HandleAsync(db, User.Scope(), time, id, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, url);
        }

        TempData["Flash"] = t["Survey.NeedsSent", result.Value].Value;
        return Redirect(url);
    }

    [HttpPost("needs-surveys/{id:int}/links")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Link(int id, int questionId, int topic, string? code, CancellationToken ct)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"/needs-surveys/{id}#offered");
        var result = await LinkNeedsTopic.AddAsync(db, User.Scope(), time, id, new NeedsTopicLinkRequest(questionId, topic, code), ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, url);
        }

        TempData["Flash"] = t["Survey.Linked"].Value;
        return Redirect(url);
    }

    [HttpPost("needs-surveys/{id:int}/links/{linkId:int}/delete")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Unlink(int id, int linkId, CancellationToken ct)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"/needs-surveys/{id}#offered");
        var result = await LinkNeedsTopic.RemoveAsync(db, User.Scope(), id, linkId, ct);
        return result.Succeeded ? Redirect(url) : this.Flash(result.Error!, t, url);
    }

    [HttpGet("needs/{id:int}")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Answer(int id, CancellationToken ct) =>
        User.Scope().PersonId is { } personId && await AnswerNeedsSurvey.GetAsync(db, time, personId, id, ct) is { } form
            ? View(form)
            : NotFound();

    [HttpPost("needs/{id:int}")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Submit(int id, CancellationToken ct)
    {
        if (User.Scope().PersonId is not { } personId)
        {
            return NotFound();
        }

        var given = EvaluationKeys.FromForm(Request.Form);
        var result = await AnswerNeedsSurvey.SubmitAsync(db, time, personId, id, given, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t["Survey.NeedsThanks"].Value;
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/needs/{id}"));
        }

        return await this.FormAsync(result.Error!, t, async () =>
            await AnswerNeedsSurvey.GetAsync(db, time, personId, id, ct) is { } form ? View(nameof(Answer), form with { Answers = given }) : NotFound());
    }
}
