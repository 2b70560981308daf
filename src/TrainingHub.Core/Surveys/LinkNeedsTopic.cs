using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

/// <param name="Code">A course or class code of the survey's programme ("GP-2027-T1").</param>
public sealed record NeedsTopicLinkRequest(int QuestionId, int Topic, string? Code);

/// <summary>
/// Links a demanded topic of a needs survey to a course or class of the same programme created from it (by its code),
/// or removes a link: what the programme page shows as "what was asked, what was offered". Administrators whose scope
/// holds the programme; a topic is linked to each course or class once.
/// </summary>
public static class LinkNeedsTopic
{
    public static async Task<Result<int>> AddAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int surveyId, NeedsTopicLinkRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(r);
        var survey = await GetNeedsResults.Visible(db, scope).AsNoTracking().Where(s => s.Id == surveyId).Select(s => new { s.Id, s.ProgrammeId }).FirstOrDefaultAsync(ct);
        if (survey is null)
        {
            return Error.NotFound("SurveyId", "Survey.NeedsNotFound");
        }

        var question = await db.Questions.AsNoTracking()
            .Where(q => q.Id == r.QuestionId && q.Kind == QuestionKind.RankedTopics && db.Surveys.Any(s => s.Id == surveyId && s.QuestionnaireId == q.Version!.QuestionnaireId))
            .Select(q => q.OptionsPt).FirstOrDefaultAsync(ct);
        if (question is null || r.Topic < 0 || r.Topic >= QuestionTexts.Lines(question).Count)
        {
            return Error.Validation(nameof(r.Topic), "Survey.TopicNotFound");
        }

        var code = r.Code?.Trim() ?? "";
        var course = await db.Courses.AsNoTracking().Where(c => c.Code == code && c.ProgrammeId == survey.ProgrammeId).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        var offering = course is null
            ? await db.Offerings.AsNoTracking().Where(o => o.Code == code && o.ProgrammeId == survey.ProgrammeId).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct)
            : null;
        if (course is null && offering is null)
        {
            return Error.Validation(nameof(r.Code), "Survey.OfferedNotFound", code);
        }

        if (await db.NeedsTopicLinks.AnyAsync(l => l.SurveyId == surveyId && l.QuestionId == r.QuestionId && l.Topic == r.Topic && l.CourseId == course && l.OfferingId == offering, ct))
        {
            return Error.Conflict(nameof(r.Code), "Survey.AlreadyLinked", code);
        }

        var link = new NeedsTopicLink
        {
            SurveyId = surveyId,
            QuestionId = r.QuestionId,
            Topic = r.Topic,
            CourseId = course,
            OfferingId = offering,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.NeedsTopicLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(link.Id);
    }

    public static async Task<Result<int>> RemoveAsync(TrainingHubDbContext db, ReaderScope scope, int surveyId, int linkId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var visible = GetNeedsResults.Visible(db, scope);
        var removed = await db.NeedsTopicLinks.Where(l => l.Id == linkId && l.SurveyId == surveyId && visible.Any(s => s.Id == l.SurveyId)).ExecuteDeleteAsync(ct);
        return removed == 0 ? Error.NotFound("LinkId", "Survey.NeedsNotFound") : Result<int>.Ok(linkId);
    }
}
