using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

public sealed record QuestionInput(
    [property: JsonConverter(typeof(JsonStringEnumConverter))] QuestionKind Kind, bool Required,
    string? SectionPt, string? SectionEn, string? TextPt, string? TextEn, string? OptionsPt, string? OptionsEn);

public sealed record SaveQuestionnaireRequest(
    string? Title, [property: JsonConverter(typeof(JsonStringEnumConverter))] QuestionnairePurpose Purpose, int? OwnerOrganizationId, IReadOnlyList<QuestionInput>? Questions);

public sealed record SavedQuestionnaire(int Id, int Version, bool NewVersion);

/// <summary>
/// Creates a questionnaire or changes its questions. While nobody has answered the latest version, it is changed in
/// place; once someone has, the questions go into a new version and the answers keep the version they answered.
/// </summary>
public static class SaveQuestionnaire
{
    public const int MaxQuestions = 60;

    public static async Task<Result<SavedQuestionnaire>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int? id,
        SaveQuestionnaireRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        Questionnaire? q = null;
        if (id is { } existing)
        {
            q = await db.Questionnaires.InScope(db, scope).FirstOrDefaultAsync(x => x.Id == existing, ct);
            if (q is null)
            {
                return Error.NotFound("Id", "Survey.QuestionnaireNotFound");
            }

            var number = await db.QuestionnaireVersions.Where(v => v.QuestionnaireId == existing).MaxAsync(v => v.Number, ct);
            await db.QuestionnaireVersions.Include(v => v.Questions).Where(v => v.QuestionnaireId == existing && v.Number == number).LoadAsync(ct);
        }

        var errors = Validate(r);
        var ownerId = q?.OwnerOrganizationId ?? r.OwnerOrganizationId ?? scope.OrganizationId;
        if (q is null && (ownerId is not { } owner || !await db.Organizations.InScope(scope).AnyAsync(o => o.Id == owner, ct)))
        {
            errors.Add(new(nameof(r.OwnerOrganizationId), "Survey.OwnerNotFound"));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var questions = r.Questions!.Select((x, i) => new Question
        {
            Position = i + 1,
            Kind = x.Kind,
            Required = x.Required,
            SectionPt = Clean(x.SectionPt),
            SectionEn = Clean(x.SectionEn),
            TextPt = x.TextPt!.Trim(),
            TextEn = x.TextEn!.Trim(),
            OptionsPt = QuestionTexts.HasOptions(x.Kind) ? string.Join('\n', QuestionTexts.Lines(x.OptionsPt)) : null,
            OptionsEn = QuestionTexts.HasOptions(x.Kind) ? string.Join('\n', QuestionTexts.Lines(x.OptionsEn)) : null,
        }).ToList();

        if (q is null)
        {
            q = new Questionnaire { Title = r.Title!.Trim(), Purpose = r.Purpose, OwnerOrganizationId = ownerId!.Value, CreatedAt = now };
            q.Versions.Add(new QuestionnaireVersion { Number = 1, CreatedAt = now, Questions = questions });
            db.Questionnaires.Add(q);
            await db.SaveChangesAsync(ct);
            return Result<SavedQuestionnaire>.Ok(new SavedQuestionnaire(q.Id, 1, false));
        }

        q.Title = r.Title!.Trim();
        var latest = q.Versions.Single();
        var answered = await db.SurveyResponses.AnyAsync(x => x.VersionId == latest.Id, ct);
        if (!answered)
        {
            // Nobody answered these questions yet: replace them (removed first, so positions stay unique).
            db.Questions.RemoveRange(latest.Questions);
            await db.SaveChangesAsync(ct);
            latest.Questions = questions;
            await db.SaveChangesAsync(ct);
            return Result<SavedQuestionnaire>.Ok(new SavedQuestionnaire(q.Id, latest.Number, false));
        }

        var next = new QuestionnaireVersion { QuestionnaireId = q.Id, Number = latest.Number + 1, CreatedAt = now, Questions = questions };
        db.QuestionnaireVersions.Add(next);
        await db.SaveChangesAsync(ct);
        return Result<SavedQuestionnaire>.Ok(new SavedQuestionnaire(q.Id, next.Number, true));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<FieldError> Validate(SaveQuestionnaireRequest r)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > 200)
        {
            errors.Add(new(nameof(r.Title), "Survey.TitleRequired"));
        }

        if (r.Questions is not { Count: > 0 } questions || questions.Count > MaxQuestions)
        {
            errors.Add(new(nameof(r.Questions), "Survey.QuestionsRequired", MaxQuestions));
            return errors;
        }

        for (var i = 0; i < questions.Count; i++)
        {
            var x = questions[i];
            var field = $"Questions[{i}].";
            var n = i + 1;
            if (!Enum.IsDefined(x.Kind))
            {
                errors.Add(new(field + nameof(x.Kind), "Survey.KindInvalid", n));
            }

            if (string.IsNullOrWhiteSpace(x.TextPt) || x.TextPt.Trim().Length > 500)
            {
                errors.Add(new(field + nameof(x.TextPt), "Survey.TextPtRequired", n));
            }

            if (string.IsNullOrWhiteSpace(x.TextEn) || x.TextEn.Trim().Length > 500)
            {
                errors.Add(new(field + nameof(x.TextEn), "Survey.TextEnRequired", n));
            }

            if ((x.SectionPt?.Trim().Length ?? 0) > 200 || (x.SectionEn?.Trim().Length ?? 0) > 200)
            {
                errors.Add(new(field + nameof(x.SectionPt), "Survey.SectionTooLong", n));
            }

            if (QuestionTexts.HasOptions(x.Kind))
            {
                var pt = QuestionTexts.Lines(x.OptionsPt);
                var en = QuestionTexts.Lines(x.OptionsEn);
                if (pt.Count < 2 || pt.Count > 30 || pt.Any(o => o.Length > 200) || (x.OptionsPt?.Length ?? 0) > 4000)
                {
                    errors.Add(new(field + nameof(x.OptionsPt), "Survey.OptionsRequired", n));
                }
                else if (en.Count != pt.Count || en.Any(o => o.Length > 200) || (x.OptionsEn?.Length ?? 0) > 4000)
                {
                    errors.Add(new(field + nameof(x.OptionsEn), "Survey.OptionsMismatch", n, pt.Count));
                }
            }
        }

        return errors;
    }
}

public static class QuestionnaireScope
{
    /// <summary>Questionnaires an administrator may see and change: those owned by organisations in their scope.</summary>
    public static IQueryable<Questionnaire> InScope(this IQueryable<Questionnaire> questionnaires, TrainingHubDbContext db, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        return scope.OrganizationPath is { } path ? questionnaires.Where(q => q.OwnerOrganization!.Path.StartsWith(path)) : questionnaires;
    }
}
