using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

/// <summary>
/// Stores a person's answers to a survey the caller has already checked they may answer (and that it is open): one
/// response per person and survey, so answering again replaces the answers and keeps the version first answered. A
/// missing required answer or a value outside the choices names the question and changes nothing; two submissions at
/// the same moment end in one row (the unique index keeps one, the second changes it).
/// </summary>
public static class SaveSurveyResponse
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, int surveyId, int questionnaireId, int personId,
        IReadOnlyDictionary<int, IReadOnlyList<string>> given, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(given);
        for (var attempt = 0; ; attempt++)
        {
            var response = await db.SurveyResponses.Include(r => r.Answers).FirstOrDefaultAsync(r => r.SurveyId == surveyId && r.PersonId == personId, ct);
            var versionId = response?.VersionId ?? await AnswerEvaluation.LatestVersionAsync(db, questionnaireId, ct);
            var questions = await GetQuestionnaire.QuestionsAsync(db, versionId, ct);
            var (values, errors) = AnswerEvaluation.Read(questions, given);
            if (errors.Count > 0)
            {
                return Error.Validation(errors);
            }

            if (response is null)
            {
                var organizationId = await db.People.Where(p => p.Id == personId).Select(p => p.OrganizationId).FirstAsync(ct);
                response = new SurveyResponse { SurveyId = surveyId, PersonId = personId, VersionId = versionId, OrganizationId = organizationId, SubmittedAt = now };
                db.SurveyResponses.Add(response);
            }
            else
            {
                db.SurveyAnswers.RemoveRange(response.Answers);
                response.Answers.Clear();
            }

            response.UpdatedAt = now;
            response.Answers.AddRange(values.Select(v => new SurveyAnswer { QuestionId = v.Key, Value = v.Value }));
            try
            {
                await db.SaveChangesAsync(ct);
                return Result<int>.Ok(response.Id);
            }
            catch (DbUpdateException) when (attempt == 0 && db.Entry(response).State == EntityState.Added)
            {
                // The same person submitted twice at once: the database kept one response; change that one instead.
                db.ChangeTracker.Clear();
            }
        }
    }
}
