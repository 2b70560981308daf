using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

public sealed record NeedsSurveyInvitationRow(int SurveyId, string Programme, string Cycle, DateTime ClosesAt, DateTime? AnsweredAt);

public sealed record NeedsAnswerForm(int SurveyId, string Programme, string Cycle, string Organization, string Title, DateTime ClosesAt, bool IsOpen,
    DateTime? AnsweredAt, IReadOnlyList<QuestionView> Questions, IReadOnlyDictionary<int, IReadOnlyList<string>> Answers);

/// <summary>
/// A person asked by a needs survey answers it for their organisation: the form (with their answers, if any) and the
/// submission, one response per person (answering again changes it until the deadline). Someone not asked gets not
/// found; after the deadline the survey refuses answers.
/// </summary>
public static class AnswerNeedsSurvey
{
    /// <summary>The needs surveys asking the person, open ones first.</summary>
    public static async Task<IReadOnlyList<NeedsSurveyInvitationRow>> MineAsync(TrainingHubDbContext db, TimeProvider time, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var person = db.People.Where(p => p.Id == personId && p.AnonymizedAt == null);
        var rows = await db.Surveys.AsNoTracking()
            .Where(s => s.Kind == SurveyKind.Needs && s.SentAt != null
                && person.Any(p => s.Organizations.Any(o => o.OrganizationId == p.OrganizationId) && (s.Audience == NeedsAudience.AllMembers || p.IsFocalPoint)))
            .Select(s => new NeedsSurveyInvitationRow(s.Id, s.Programme!.Name, s.Cycle ?? "", s.ClosesAt,
                db.SurveyResponses.Where(r => r.SurveyId == s.Id && r.PersonId == personId).Select(r => (DateTime?)r.UpdatedAt).FirstOrDefault()))
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.ClosesAt > now).ThenBy(r => r.ClosesAt).ThenBy(r => r.SurveyId).ToList();
    }

    public static async Task<NeedsAnswerForm?> GetAsync(TrainingHubDbContext db, TimeProvider time, int personId, int surveyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (!await SendNeedsSurvey.Recipients(db, surveyId).AnyAsync(p => p.Id == personId, ct))
        {
            return null;
        }

        var s = await db.Surveys.AsNoTracking().Where(x => x.Id == surveyId)
            .Select(x => new { x.Id, Programme = x.Programme!.Name, x.Cycle, x.ClosesAt, x.QuestionnaireId, x.Questionnaire!.Title }).FirstAsync(ct);
        var organization = await db.People.Where(p => p.Id == personId).Select(p => p.Organization!.Name).FirstAsync(ct);
        var response = await db.SurveyResponses.AsNoTracking().Where(r => r.PersonId == personId && r.SurveyId == surveyId)
            .Select(r => new { r.VersionId, r.UpdatedAt, Answers = r.Answers.Select(a => new { a.QuestionId, a.Value }).ToList() }).FirstOrDefaultAsync(ct);
        var versionId = response?.VersionId ?? await AnswerEvaluation.LatestVersionAsync(db, s.QuestionnaireId, ct);
        var questions = await GetQuestionnaire.QuestionsAsync(db, versionId, ct);
        var answers = response?.Answers.ToDictionary(a => a.QuestionId, a => AnswerEvaluation.Split(questions.First(q => q.Id == a.QuestionId).Kind, a.Value)) ?? [];
        return new NeedsAnswerForm(s.Id, s.Programme, s.Cycle ?? "", organization, s.Title, s.ClosesAt, time.GetUtcNow().UtcDateTime < s.ClosesAt,
            response?.UpdatedAt, questions, answers);
    }

    public static async Task<Result<int>> SubmitAsync(TrainingHubDbContext db, TimeProvider time, int personId, int surveyId,
        IReadOnlyDictionary<int, IReadOnlyList<string>> given, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (!await SendNeedsSurvey.Recipients(db, surveyId).AnyAsync(p => p.Id == personId, ct))
        {
            return Error.NotFound("SurveyId", "Survey.NeedsNotFound");
        }

        var survey = await db.Surveys.AsNoTracking().Where(s => s.Id == surveyId).Select(s => new { s.QuestionnaireId, s.ClosesAt }).FirstAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (now >= survey.ClosesAt)
        {
            return Error.Conflict("SurveyId", "Survey.NeedsClosed", SaoPaulo.FormatDate(survey.ClosesAt.AddSeconds(-1)));
        }

        return await SaveSurveyResponse.HandleAsync(db, surveyId, survey.QuestionnaireId, personId, given, now, ct);
    }
}
