using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

public sealed record EvaluationForm(EvaluationInvitation Invitation, string Title, IReadOnlyList<QuestionView> Questions,
    IReadOnlyDictionary<int, IReadOnlyList<string>> Answers, bool IsOpen);

/// <summary>
/// A person's evaluation of a class or series session: the form (with their answers, if they gave any) and the
/// submission. One response per person and survey: a second submission replaces the answers until the deadline, and
/// keeps the questions of the version first answered. A missing required answer names the question; a closed survey
/// refuses; an evaluation the person is not invited to is not found.
/// </summary>
public static class AnswerEvaluation
{
    public const int ShortTextMax = 200;
    public const int LongTextMax = 4000;

    public static async Task<EvaluationForm?> GetAsync(TrainingHubDbContext db, TimeProvider time, int personId, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (await FindAsync(db, personId, key, ct) is not { } invitation)
        {
            return null;
        }

        var response = await db.SurveyResponses.AsNoTracking().Where(r => r.PersonId == personId && r.Survey!.Key == key)
            .Select(r => new { r.VersionId, Answers = r.Answers.Select(a => new { a.QuestionId, a.Value }).ToList() }).FirstOrDefaultAsync(ct);
        var versionId = response?.VersionId ?? await LatestVersionAsync(db, invitation.QuestionnaireId, ct);
        var title = await db.Questionnaires.Where(q => q.Id == invitation.QuestionnaireId).Select(q => q.Title).FirstAsync(ct);
        var questions = await GetQuestionnaire.QuestionsAsync(db, versionId, ct);
        var answers = response?.Answers.ToDictionary(a => a.QuestionId, a => Split(questions.First(q => q.Id == a.QuestionId).Kind, a.Value)) ?? [];
        return new EvaluationForm(invitation, title, questions, answers, invitation.IsOpen(time.GetUtcNow().UtcDateTime));
    }

    public static async Task<Result<int>> SubmitAsync(TrainingHubDbContext db, TimeProvider time, int personId, string key,
        IReadOnlyDictionary<int, IReadOnlyList<string>> given, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(given);
        if (await FindAsync(db, personId, key, ct) is not { } invitation)
        {
            return Error.NotFound("Key", "Survey.EvaluationNotFound");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!invitation.IsOpen(now))
        {
            return Error.Conflict("Key", "Survey.Closed", SaoPaulo.FormatDate(invitation.ClosesAt));
        }

        var survey = await EnsureSurveyAsync(db, invitation, now, ct);
        return await SaveSurveyResponse.HandleAsync(db, survey.Id, survey.QuestionnaireId, personId, given, now, ct);
    }

    /// <summary>Reads and checks the answers: values in their stored form by question, or the messages naming each question.</summary>
    public static (Dictionary<int, string> Values, List<FieldError> Errors) Read(IReadOnlyList<QuestionView> questions, IReadOnlyDictionary<int, IReadOnlyList<string>> given)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(given);
        var values = new Dictionary<int, string>();
        var errors = new List<FieldError>();
        foreach (var q in questions)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"q{q.Id}");
            var raw = given.TryGetValue(q.Id, out var v) ? v.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).ToList() : [];
            if (raw.Count == 0)
            {
                if (q.Required)
                {
                    errors.Add(new(field, "Survey.AnswerRequired", q.Text));
                }

                continue;
            }

            var value = Normalize(q, raw);
            if (value is null)
            {
                errors.Add(new(field, "Survey.AnswerInvalid", q.Text));
            }
            else
            {
                values[q.Id] = value;
            }
        }

        return (values, errors);
    }

    private static string? Normalize(QuestionView q, List<string> raw)
    {
        var optionCount = QuestionTexts.Lines(q.OptionsPt).Count;
        List<int>? Indexes()
        {
            var list = new List<int>();
            foreach (var r in raw)
            {
                if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var i) || i < 0 || i >= optionCount || list.Contains(i))
                {
                    return null;
                }

                list.Add(i);
            }

            return list;
        }

        switch (q.Kind)
        {
            case QuestionKind.SingleChoice:
                return raw.Count == 1 && Indexes() is [var one] ? one.ToString(CultureInfo.InvariantCulture) : null;
            case QuestionKind.MultipleChoice:
                return Indexes() is { } many ? string.Join(',', many.Order()) : null;
            case QuestionKind.RankedTopics:
                return Indexes() is { } ranked ? string.Join(',', ranked) : null;
            case QuestionKind.Scale:
                return raw.Count == 1 && int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 5
                    ? s.ToString(CultureInfo.InvariantCulture) : null;
            case QuestionKind.ShortText:
                return raw.Count == 1 && raw[0].Length <= ShortTextMax ? raw[0] : null;
            case QuestionKind.LongText:
                return raw.Count == 1 && raw[0].Length <= LongTextMax ? raw[0] : null;
            default:
                return null;
        }
    }

    /// <summary>A stored value as the list the form and the API give.</summary>
    public static IReadOnlyList<string> Split(QuestionKind kind, string value) =>
        kind is QuestionKind.ShortText or QuestionKind.LongText ? [value] : value.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static async Task<EvaluationInvitation?> FindAsync(TrainingHubDbContext db, int personId, string key, CancellationToken ct) =>
        (await MyEvaluations.HandleAsync(db, personId, null, ct)).FirstOrDefault(i => i.Key == key);

    internal static Task<int> LatestVersionAsync(TrainingHubDbContext db, int questionnaireId, CancellationToken ct) =>
        db.QuestionnaireVersions.Where(v => v.QuestionnaireId == questionnaireId).OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync(ct);

    private static async Task<Survey> EnsureSurveyAsync(TrainingHubDbContext db, EvaluationInvitation i, DateTime now, CancellationToken ct)
    {
        if (await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Key == i.Key, ct) is { } found)
        {
            return found;
        }

        var survey = new Survey
        {
            Key = i.Key,
            Kind = i.Kind,
            QuestionnaireId = i.QuestionnaireId,
            ProgrammeId = i.ProgrammeId,
            OfferingId = i.OfferingId,
            SessionId = i.SessionId,
            ClosesAt = i.ClosesAt,
            CreatedAt = now,
        };
        db.Surveys.Add(survey);
        try
        {
            await db.SaveChangesAsync(ct);
            db.Entry(survey).State = EntityState.Detached;
            return survey;
        }
        catch (DbUpdateException)
        {
            // Someone else opened it at the same moment: the unique key kept theirs.
            db.Entry(survey).State = EntityState.Detached;
            return await db.Surveys.AsNoTracking().FirstAsync(s => s.Key == i.Key, ct);
        }
    }
}
