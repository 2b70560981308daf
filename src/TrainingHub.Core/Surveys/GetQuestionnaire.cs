using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

public sealed record QuestionView(int Id, int Position, QuestionKind Kind, bool Required, string? SectionPt, string? SectionEn,
    string TextPt, string TextEn, string? OptionsPt, string? OptionsEn)
{
    public string Text => QuestionTexts.Text(TextPt, TextEn);
    public string? Section => QuestionTexts.Section(SectionPt, SectionEn);
    public IReadOnlyList<string> Options => QuestionTexts.Options(OptionsPt, OptionsEn);

    public QuestionInput ToInput() => new(Kind, Required, SectionPt, SectionEn, TextPt, TextEn, OptionsPt, OptionsEn);
}

public sealed record QuestionnaireDetails(int Id, string Title, QuestionnairePurpose Purpose, string Owner, int VersionId, int Version, int Answers,
    IReadOnlyList<QuestionView> Questions);

public sealed record QuestionnaireRow(int Id, string Title, QuestionnairePurpose Purpose, string Owner, int Version, int Questions);

/// <summary>One questionnaire with the questions of its latest version, and the list of questionnaires, in the administrator's scope.</summary>
public static class GetQuestionnaire
{
    public static async Task<QuestionnaireDetails?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = await db.Questionnaires.InScope(db, scope).AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Id, x.Title, x.Purpose, Owner = x.OwnerOrganization!.Name }).FirstOrDefaultAsync(ct);
        if (q is null)
        {
            return null;
        }

        var version = await db.QuestionnaireVersions.AsNoTracking().Where(v => v.QuestionnaireId == id).OrderByDescending(v => v.Number)
            .Select(v => new { v.Id, v.Number }).FirstAsync(ct);
        var questions = await QuestionsAsync(db, version.Id, ct);
        var answers = await db.SurveyResponses.CountAsync(r => r.Version!.QuestionnaireId == id, ct);
        return new QuestionnaireDetails(q.Id, q.Title, q.Purpose, q.Owner, version.Id, version.Number, answers, questions);
    }

    public static Task<List<QuestionView>> QuestionsAsync(TrainingHubDbContext db, int versionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Questions.AsNoTracking().Where(x => x.VersionId == versionId).OrderBy(x => x.Position)
            .Select(x => new QuestionView(x.Id, x.Position, x.Kind, x.Required, x.SectionPt, x.SectionEn, x.TextPt, x.TextEn, x.OptionsPt, x.OptionsEn))
            .ToListAsync(ct);
    }

    public static async Task<IReadOnlyList<QuestionnaireRow>> ListAsync(TrainingHubDbContext db, ReaderScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Questionnaires.InScope(db, scope).AsNoTracking()
            .Select(x => new
            {
                x.Id,
                x.Title,
                x.Purpose,
                Owner = x.OwnerOrganization!.Name,
                Number = x.Versions.Max(v => v.Number),
            })
            .Select(x => new { x.Id, x.Title, x.Purpose, x.Owner, x.Number, Questions = db.Questions.Count(q => q.Version!.QuestionnaireId == x.Id && q.Version.Number == x.Number) })
            .ToListAsync(ct);
        return rows.Select(x => new QuestionnaireRow(x.Id, x.Title, x.Purpose, x.Owner, x.Number, x.Questions))
            .OrderBy(x => x.Title, StringComparer.CurrentCulture).ThenBy(x => x.Id).ToList();
    }
}
