using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Evaluations;

/// <summary>The questions of a survey form and the answers given (partial _Questions.cshtml).</summary>
public sealed record QuestionsForm(IReadOnlyList<QuestionView> Questions, IReadOnlyDictionary<int, IReadOnlyList<string>> Answers);

public sealed record MyEvaluationsViewModel(IReadOnlyList<EvaluationInvitation> Items, DateTime Now);

/// <summary>
/// Course evaluation for participants: the evaluations they are invited to, and the form (one answer per person,
/// changed by answering again until the deadline). Also a programme's evaluation settings, for its administrators.
/// </summary>
public sealed class EvaluationsController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("evaluations")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Mine(CancellationToken ct) =>
        User.Scope().PersonId is { } personId
            ? View(new MyEvaluationsViewModel(await MyEvaluations.HandleAsync(db, personId, null, ct), time.GetUtcNow().UtcDateTime))
            : NotFound();

    [HttpGet("evaluations/{kind:regex(^(class|session)$)}/{id:int}")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Answer(string kind, int id, CancellationToken ct) =>
        User.Scope().PersonId is { } personId && await AnswerEvaluation.GetAsync(db, time, personId, EvaluationKeys.Of(kind, id), ct) is { } form
            ? View(form)
            : NotFound();

    [HttpPost("evaluations/{kind:regex(^(class|session)$)}/{id:int}")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Submit(string kind, int id, CancellationToken ct)
    {
        if (User.Scope().PersonId is not { } personId)
        {
            return NotFound();
        }

        var key = EvaluationKeys.Of(kind, id);
        var given = EvaluationKeys.FromForm(Request.Form);
        var result = await AnswerEvaluation.SubmitAsync(db, time, personId, key, given, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t["Survey.Thanks"].Value;
            return Redirect("/evaluations");
        }

        return await this.FormAsync(result.Error!, t, async () =>
            await AnswerEvaluation.GetAsync(db, time, personId, key, ct) is { } form ? View(nameof(Answer), form with { Answers = given }) : NotFound());
    }

    [HttpGet("programmes/{id:int}/evaluation")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Settings(int id, CancellationToken ct) =>
        await SaveProgrammeEvaluation.GetAsync(db, User.Scope(), id, ct) is { } model ? View(model) : NotFound();

    [HttpPost("programmes/{id:int}/evaluation")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> SaveSettings(int id, int? questionnaireId, bool requiredForCertificate, int daysOpen, CancellationToken ct)
    {
        var request = new ProgrammeEvaluationRequest(questionnaireId, requiredForCertificate, daysOpen);
        var result = await SaveProgrammeEvaluation.HandleAsync(db, User.Scope(), id, request, ct);
        if (result.Succeeded)
        {
            TempData["Flash"] = t["Survey.SettingsSaved"].Value;
            return Redirect($"/programmes/{id}/evaluation");
        }

        return await this.FormAsync(result.Error!, t, async () =>
            await SaveProgrammeEvaluation.GetAsync(db, User.Scope(), id, ct) is { } model
                ? View(nameof(Settings), model with { QuestionnaireId = questionnaireId, RequiredForCertificate = requiredForCertificate, DaysOpen = daysOpen })
                : NotFound());
    }
}

/// <summary>The evaluation addresses (/evaluations/class/12, /evaluations/session/40) and the answers a form posts.</summary>
public static class EvaluationKeys
{
    public static string Of(string kind, int id) => kind == "session" ? MyEvaluations.SessionKey(id) : MyEvaluations.ClassKey(id);

    public static string Path(EvaluationInvitation i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return i.SessionId is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"/evaluations/session/{s}")
            : string.Create(CultureInfo.InvariantCulture, $"/evaluations/class/{i.OfferingId}");
    }

    /// <summary>
    /// Fields "q{question}" carry the chosen values; ranked topics come as "q{question}_rank_{option}" = the rank
    /// given to that option (1 first), turned into the options in order of preference.
    /// </summary>
    public static Dictionary<int, IReadOnlyList<string>> FromForm(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var answers = new Dictionary<int, IReadOnlyList<string>>();
        var ranks = new Dictionary<int, List<(int Rank, string Option)>>();
        foreach (var (name, values) in form)
        {
            if (!name.StartsWith('q'))
            {
                continue;
            }

            var parts = name[1..].Split("_rank_");
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var question))
            {
                continue;
            }

            if (parts.Length == 1)
            {
                answers[question] = values.Where(v => v is not null).Select(v => v!).ToList();
            }
            else if (int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var rank) && rank > 0)
            {
                if (!ranks.TryGetValue(question, out var list))
                {
                    ranks[question] = list = [];
                }

                list.Add((rank, parts[1]));
            }
        }

        foreach (var (question, list) in ranks)
        {
            answers[question] = list.OrderBy(r => r.Rank).Select(r => r.Option).ToList();
        }

        return answers;
    }
}
