using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

public sealed record NeedsSurveyRow(int Id, int ProgrammeId, string Programme, string Cycle, string Questionnaire, NeedsAudience Audience, DateTime ClosesAt,
    DateTime? SentAt, int Organizations, int Responses);

public sealed record OrganizationRate(int OrganizationId, string Organization, int Asked, int Answered)
{
    public double Rate => Asked == 0 ? 0 : Math.Round(100.0 * Answered / Asked, 1);
}

public sealed record OfferedItem(int LinkId, string Kind, int Id, string Code, string Title);

/// <summary>A demanded topic: Borda points over all answers (first place worth as many points as there are topics), how many ranked it, and what was offered for it.</summary>
public sealed record TopicResult(int QuestionId, int Topic, string Name, int Points, int Count, IReadOnlyList<OfferedItem> Offered);

public sealed record OrganizationTopics(int OrganizationId, string Organization, int Responses, IReadOnlyList<TopicResult> Topics);

public sealed record NeedsResults(NeedsSurveyRow Survey, bool IsOpen, int Asked, int Responses, int Threshold, bool Shown,
    IReadOnlyList<OrganizationRate> Rates, IReadOnlyList<TopicResult> Topics, IReadOnlyList<OrganizationTopics> PerOrganization,
    IReadOnlyList<QuestionResult> Questions);

/// <summary>
/// A needs survey's results for administrators and auditors whose scope holds the programme: who was asked and who
/// answered per organisation (always), and, from <see cref="GetEvaluationResults.Threshold"/> answers up, the topics
/// ranked by points with what was offered for each, the topics per organisation (organisations with at least as many
/// answers as the threshold) and the other questions in aggregate. Comments carry no names.
/// </summary>
public static class GetNeedsResults
{
    public static IQueryable<Survey> Visible(TrainingHubDbContext db, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        var programmes = db.Programmes.InScope(scope);
        return db.Surveys.Where(s => s.Kind == SurveyKind.Needs && programmes.Any(p => p.Id == s.ProgrammeId));
    }

    /// <summary>The programme's name, or null when it is not in the reader's scope.</summary>
    public static Task<string?> ProgrammeNameAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Programmes.InScope(scope).Where(p => p.Id == programmeId).Select(p => (string?)p.Name).FirstOrDefaultAsync(ct);
    }

    /// <summary>The needs surveys a reader sees, of one programme or all, newest cycle first.</summary>
    public static async Task<IReadOnlyList<NeedsSurveyRow>> ListAsync(TrainingHubDbContext db, ReaderScope scope, int? programmeId, CancellationToken ct)
    {
        var surveys = Visible(db, scope);
        if (programmeId is { } only)
        {
            surveys = surveys.Where(s => s.ProgrammeId == only);
        }

        return await surveys.AsNoTracking()
            .OrderByDescending(s => s.ClosesAt).ThenByDescending(s => s.Id)
            .Select(s => new NeedsSurveyRow(s.Id, s.ProgrammeId!.Value, s.Programme!.Name, s.Cycle ?? "", s.Questionnaire!.Title, s.Audience ?? NeedsAudience.FocalPoints,
                s.ClosesAt, s.SentAt, s.Organizations.Count, db.SurveyResponses.Count(r => r.SurveyId == s.Id)))
            .ToListAsync(ct);
    }

    public static async Task<NeedsResults?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int surveyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(time);
        var survey = (await ListAsync(db, scope, null, ct)).FirstOrDefault(s => s.Id == surveyId);
        if (survey is null)
        {
            return null;
        }

        var organizations = await db.SurveyOrganizations.AsNoTracking().Where(o => o.SurveyId == surveyId)
            .Select(o => new { o.OrganizationId, Name = o.Organization!.Acronym ?? o.Organization.Name }).ToListAsync(ct);
        var asked = await SendNeedsSurvey.Recipients(db, surveyId).GroupBy(p => p.OrganizationId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == surveyId).Select(r => new { r.Id, r.OrganizationId }).ToListAsync(ct);
        var rates = organizations
            .Select(o => new OrganizationRate(o.OrganizationId, o.Name, asked.GetValueOrDefault(o.OrganizationId), responses.Count(r => r.OrganizationId == o.OrganizationId)))
            .OrderBy(o => o.Organization, StringComparer.CurrentCulture).ToList();
        var threshold = GetEvaluationResults.Threshold;
        var isOpen = time.GetUtcNow().UtcDateTime < survey.ClosesAt;
        if (responses.Count < threshold)
        {
            return new NeedsResults(survey, isOpen, asked.Values.Sum(), responses.Count, threshold, false, rates, [], [], []);
        }

        var answers = await db.SurveyAnswers.AsNoTracking().Where(a => a.Response!.SurveyId == surveyId)
            .Select(a => new { a.ResponseId, a.QuestionId, a.Value }).ToListAsync(ct);
        var questionIds = answers.Select(a => a.QuestionId).Distinct().ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id))
            .Select(q => new { View = new QuestionView(q.Id, q.Position, q.Kind, q.Required, q.SectionPt, q.SectionEn, q.TextPt, q.TextEn, q.OptionsPt, q.OptionsEn), q.Version!.Number })
            .ToListAsync(ct);
        var links = await db.NeedsTopicLinks.AsNoTracking().Where(l => l.SurveyId == surveyId)
            .Select(l => new
            {
                l.Id,
                l.QuestionId,
                l.Topic,
                l.CourseId,
                l.OfferingId,
                Code = l.CourseId != null ? l.Course!.Code : l.Offering!.Code,
                Title = l.CourseId != null ? l.Course!.Title : l.Offering!.Title,
            }).ToListAsync(ct);
        var ranked = questions.Where(q => q.View.Kind == QuestionKind.RankedTopics).OrderByDescending(q => q.Number).ThenBy(q => q.View.Position).ToList();
        var organizationOf = responses.ToDictionary(r => r.Id, r => r.OrganizationId);

        List<TopicResult> Topics(Func<int, bool> response) =>
            ranked.SelectMany(q =>
            {
                var options = q.View.Options;
                var picks = answers.Where(a => a.QuestionId == q.View.Id && response(a.ResponseId))
                    .Select(a => a.Value.Split(',').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToList()).ToList();
                return options.Select((name, i) => new TopicResult(q.View.Id, i, name,
                    picks.Sum(p => p.IndexOf(i) is var at and >= 0 ? options.Count - at : 0),
                    picks.Count(p => p.Contains(i)),
                    links.Where(l => l.QuestionId == q.View.Id && l.Topic == i)
                        .Select(l => new OfferedItem(l.Id, l.CourseId != null ? "Course" : "Class", l.CourseId ?? l.OfferingId!.Value, l.Code, l.Title)).ToList()));
            })
            .OrderByDescending(t => t.Points).ThenBy(t => t.Name, StringComparer.CurrentCulture).ToList();

        var topics = Topics(_ => true);
        var perOrganization = rates.Where(r => r.Answered >= threshold)
            .Select(r => new OrganizationTopics(r.OrganizationId, r.Organization, r.Answered,
                Topics(id => organizationOf[id] == r.OrganizationId).Where(t => t.Points > 0).ToList()))
            .ToList();
        var others = questions.Where(q => q.View.Kind != QuestionKind.RankedTopics).OrderByDescending(q => q.Number).ThenBy(q => q.View.Position)
            .Select(q => GetEvaluationResults.Aggregate(q.View, q.Number, answers.Where(a => a.QuestionId == q.View.Id).Select(a => a.Value).ToList()))
            .ToList();
        return new NeedsResults(survey, isOpen, asked.Values.Sum(), responses.Count, threshold, true, rates, topics, perOrganization, others);
    }
}
