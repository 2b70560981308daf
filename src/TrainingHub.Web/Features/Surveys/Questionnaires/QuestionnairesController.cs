using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.Surveys;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Surveys.Questionnaires;

/// <summary>What the builder posts: the questionnaire's fields and its questions in order.</summary>
public sealed class QuestionnaireForm
{
    public string? Title { get; set; }
    public QuestionnairePurpose Purpose { get; set; }
    public int? OwnerOrganizationId { get; set; }
    public List<QuestionInput> Questions { get; set; } = [];

    public SaveQuestionnaireRequest ToRequest() => new(Title, Purpose, OwnerOrganizationId, Questions);
}

public sealed record QuestionnaireFormViewModel(int? Id, QuestionnaireForm Form, QuestionnaireDetails? Details, IReadOnlyList<(int Id, string Name)> Organizations);

/// <summary>The questionnaire builder: list, create and change questionnaires (a change after answers makes a new version).</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class QuestionnairesController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("questionnaires")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await GetQuestionnaire.ListAsync(db, User.Scope(), ct));

    [HttpGet("questionnaires/new")]
    public async Task<IActionResult> New(QuestionnairePurpose purpose = QuestionnairePurpose.Evaluation, CancellationToken ct = default)
    {
        var form = new QuestionnaireForm { Purpose = purpose, Questions = [new(QuestionKind.Scale, true, null, null, null, null, null, null)] };
        return View("Edit", new QuestionnaireFormViewModel(null, form, null, await ListOrganizations.OptionsAsync(db, User.Scope(), ct)));
    }

    [HttpGet("questionnaires/{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        if (await GetQuestionnaire.HandleAsync(db, User.Scope(), id, ct) is not { } details)
        {
            return NotFound();
        }

        var form = new QuestionnaireForm { Title = details.Title, Purpose = details.Purpose, Questions = details.Questions.Select(q => q.ToInput()).ToList() };
        return View(new QuestionnaireFormViewModel(id, form, details, []));
    }

    /// <param name="add">A question kind: adds an empty question of that kind and draws the form again, saving nothing.</param>
    /// <param name="remove">A question's position (from 0): removes it and draws the form again, saving nothing.</param>
    [HttpPost("questionnaires/new")]
    [HttpPost("questionnaires/{id:int}")]
    public async Task<IActionResult> Save(int? id, QuestionnaireForm form, QuestionKind? add, int? remove, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var details = id is { } existing ? await GetQuestionnaire.HandleAsync(db, User.Scope(), existing, ct) : null;
        if (id is not null && details is null)
        {
            return NotFound();
        }

        async Task<IActionResult> Redraw() => View("Edit", new QuestionnaireFormViewModel(id, form, details, id is null ? await ListOrganizations.OptionsAsync(db, User.Scope(), ct) : []));
        if (add is { } kind)
        {
            form.Questions.Add(new(kind, false, null, null, null, null, null, null));
            ModelState.Clear();
            return await Redraw();
        }

        if (remove is { } index && index >= 0 && index < form.Questions.Count)
        {
            form.Questions.RemoveAt(index);
            ModelState.Clear();
            return await Redraw();
        }

        ModelState.Clear();
        var result = await SaveQuestionnaire.HandleAsync(db, User.Scope(), time, id, form.ToRequest(), ct);
        if (!result.Succeeded)
        {
            return await this.FormAsync(result.Error!, t, Redraw, "Form.");
        }

        TempData["Flash"] = result.Value!.NewVersion ? t["Survey.SavedNewVersion", result.Value.Version].Value : t["Survey.Saved"].Value;
        return Redirect($"/questionnaires/{result.Value.Id}");
    }
}
