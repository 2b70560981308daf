using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

/// <param name="ClosesOn">The last day answers are taken (São Paulo); the survey closes at the end of it.</param>
public sealed record NeedsSurveyRequest(int? QuestionnaireId, string? Cycle, DateOnly? ClosesOn, NeedsAudience Audience, IReadOnlyList<int>? OrganizationIds);

public sealed record NeedsSurveyForm(int ProgrammeId, string Programme, int? SurveyId, int? QuestionnaireId, string? Cycle, DateOnly? ClosesOn, NeedsAudience Audience,
    IReadOnlyList<int> OrganizationIds, IReadOnlyList<QuestionnaireRow> Questionnaires, IReadOnlyList<FilterChoice> Organizations);

/// <summary>
/// A programme's training-needs survey for one cycle, made by an administrator whose scope holds the programme's
/// owner: a needs questionnaire with a ranked-topics question, the last day for answers, the organisations taking part
/// (by default those of the programme's members) and who in them is asked (their focal points, or everyone). One
/// survey per programme and cycle. Saving again changes it; once sent, the questionnaire stays the one sent.
/// </summary>
public static class SaveNeedsSurvey
{
    public static string Key(int programmeId, string cycle) => string.Create(CultureInfo.InvariantCulture, $"needs:{programmeId}:{cycle}");

    public static async Task<NeedsSurveyForm?> GetAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, int? surveyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var p = await db.Programmes.InScope(scope).AsNoTracking().Where(x => x.Id == programmeId).Select(x => new { x.Id, x.Name }).FirstOrDefaultAsync(ct);
        if (p is null)
        {
            return null;
        }

        var questionnaires = (await GetQuestionnaire.ListAsync(db, scope, ct)).Where(q => q.Purpose == QuestionnairePurpose.Needs).ToList();
        var members = db.ProgrammeMembers.Where(m => m.ProgrammeId == programmeId).Select(m => m.Person!.OrganizationId);
        var organizations = await db.Organizations.AsNoTracking().Where(o => members.Contains(o.Id) || db.SurveyOrganizations.Any(s => s.OrganizationId == o.Id && s.Survey!.ProgrammeId == programmeId))
            .Select(o => new FilterChoice(o.Id, o.Acronym == null ? o.Name : o.Acronym + " · " + o.Name)).ToListAsync(ct);
        organizations = organizations.OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();
        if (surveyId is null)
        {
            return new NeedsSurveyForm(p.Id, p.Name, null, questionnaires.FirstOrDefault()?.Id, null, null, NeedsAudience.FocalPoints,
                organizations.Select(o => o.Id).ToList(), questionnaires, organizations);
        }

        var s = await db.Surveys.AsNoTracking().Where(x => x.Id == surveyId && x.ProgrammeId == programmeId && x.Kind == SurveyKind.Needs)
            .Select(x => new { x.Id, x.QuestionnaireId, x.Cycle, x.ClosesAt, x.Audience, Organizations = x.Organizations.Select(o => o.OrganizationId).ToList() })
            .FirstOrDefaultAsync(ct);
        return s is null
            ? null
            : new NeedsSurveyForm(p.Id, p.Name, s.Id, s.QuestionnaireId, s.Cycle, DateOnly.FromDateTime(SaoPaulo.ToLocal(s.ClosesAt).AddSeconds(-1)),
                s.Audience ?? NeedsAudience.FocalPoints, s.Organizations, questionnaires, organizations);
    }

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int programmeId, int? surveyId,
        NeedsSurveyRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(r);
        if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return Error.NotFound("ProgrammeId", "Programme.NotFound");
        }

        Survey? survey = null;
        if (surveyId is { } id)
        {
            survey = await db.Surveys.Include(s => s.Organizations).FirstOrDefaultAsync(s => s.Id == id && s.ProgrammeId == programmeId && s.Kind == SurveyKind.Needs, ct);
            if (survey is null)
            {
                return Error.NotFound("SurveyId", "Survey.NeedsNotFound");
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = new List<FieldError>();
        var cycle = r.Cycle?.Trim() ?? "";
        if (cycle.Length is 0 or > 20)
        {
            errors.Add(new(nameof(r.Cycle), "Survey.CycleRequired", 20));
        }
        else if (await db.Surveys.AnyAsync(s => s.Key == Key(programmeId, cycle) && s.Id != (surveyId ?? 0), ct))
        {
            errors.Add(new(nameof(r.Cycle), "Survey.CycleTaken", cycle));
        }

        var questionnaireId = survey?.SentAt is null ? r.QuestionnaireId : survey.QuestionnaireId;
        if (questionnaireId is not { } qid
            || !await db.Questionnaires.InScope(db, scope).AnyAsync(q => q.Id == qid && q.Purpose == QuestionnairePurpose.Needs, ct))
        {
            errors.Add(new(nameof(r.QuestionnaireId), "Survey.QuestionnaireNotFound"));
        }
        else if (!await db.Questions.AnyAsync(q => q.Kind == QuestionKind.RankedTopics && q.Version!.QuestionnaireId == qid
                     && q.Version.Number == db.QuestionnaireVersions.Where(v => v.QuestionnaireId == qid).Max(v => v.Number), ct))
        {
            errors.Add(new(nameof(r.QuestionnaireId), "Survey.NeedsTopicsMissing"));
        }

        var closesAt = r.ClosesOn is { } day ? SaoPaulo.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)) : (DateTime?)null;
        if (closesAt is null || closesAt <= now)
        {
            errors.Add(new(nameof(r.ClosesOn), "Survey.ClosesOnFuture"));
        }

        var organizationIds = (r.OrganizationIds ?? []).Distinct().ToList();
        if (organizationIds.Count == 0)
        {
            errors.Add(new(nameof(r.OrganizationIds), "Survey.OrganizationsRequired"));
        }
        else if (await db.Organizations.CountAsync(o => organizationIds.Contains(o.Id), ct) != organizationIds.Count)
        {
            errors.Add(new(nameof(r.OrganizationIds), "Survey.OrganizationsUnknown"));
        }

        if (!Enum.IsDefined(r.Audience))
        {
            errors.Add(new(nameof(r.Audience), "Survey.AudienceInvalid"));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        if (survey is null)
        {
            survey = new Survey { Key = "", Kind = SurveyKind.Needs, ProgrammeId = programmeId, CreatedAt = now };
            db.Surveys.Add(survey);
        }

        survey.Key = Key(programmeId, cycle);
        survey.Cycle = cycle;
        survey.QuestionnaireId = questionnaireId!.Value;
        survey.ClosesAt = closesAt!.Value;
        survey.Audience = r.Audience;
        survey.Organizations.RemoveAll(o => !organizationIds.Contains(o.OrganizationId));
        survey.Organizations.AddRange(organizationIds.Where(o => survey.Organizations.All(x => x.OrganizationId != o)).Select(o => new SurveyOrganization { OrganizationId = o }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same programme and cycle at the same moment: the unique key kept theirs.
            return Error.Validation(nameof(r.Cycle), "Survey.CycleTaken", cycle);
        }

        return Result<int>.Ok(survey.Id);
    }
}
