using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

public sealed record EvaluationFilter(int? ProgrammeId = null, int? CourseId = null, int? OfferingId = null, int? InstructorPersonId = null);

public sealed record OptionResult(string Option, int Count, int Points);

/// <summary>One question's results: for a scale the average and the count of each grade 1–5; for choices the count per option (and Borda points for ranked topics); for text the comments, without names, in alphabetical order.</summary>
public sealed record QuestionResult(int QuestionId, int Version, string? Section, string Text, QuestionKind Kind, int Answers, double? Average,
    IReadOnlyList<OptionResult> Options, IReadOnlyList<string> Comments);

public sealed record MonthScore(int Year, int Month, double Average, int Responses);

public sealed record FilterChoice(int Id, string Name);

public sealed record EvaluationResults(EvaluationFilter Filter, int Responses, int Threshold, bool Shown, double? Average,
    IReadOnlyList<QuestionResult> Questions, IReadOnlyList<MonthScore> OverTime,
    IReadOnlyList<FilterChoice> Programmes, IReadOnlyList<FilterChoice> Courses, IReadOnlyList<FilterChoice> Offerings, IReadOnlyList<FilterChoice> Instructors);

/// <summary>
/// Course evaluation results, only in aggregate and only from <see cref="Threshold"/> answers up, so no answer can be
/// told apart: per class, course, instructor or programme, with the scale average per month (months with fewer
/// answers than the threshold are left out too). Administrators and auditors see the offerings in their scope,
/// instructors those they teach.
/// </summary>
public static class GetEvaluationResults
{
    public const int Threshold = 5;

    public static IQueryable<Offering> Visible(TrainingHubDbContext db, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsAdministrator || scope.IsAuditor)
        {
            return db.Offerings.InScope(scope);
        }

        var personId = scope.IsInstructor ? scope.PersonId ?? -1 : -1;
        return db.Offerings.Where(o => o.Instructors.Any(i => i.PersonId == personId));
    }

    public static async Task<EvaluationResults> HandleAsync(TrainingHubDbContext db, ReaderScope scope, EvaluationFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var visible = Visible(db, scope);
        var all = db.Surveys.Where(s => s.Kind != SurveyKind.Needs && visible.Any(o => o.Id == s.OfferingId));
        var choices = await all.Select(s => new
        {
            OfferingId = s.OfferingId!.Value,
            s.Offering!.Title,
            s.Offering.Code,
            s.ProgrammeId,
            Programme = s.Programme!.Name,
            CourseId = (int?)(s.Offering as CourseClass)!.CourseId,
            Course = (s.Offering as CourseClass)!.Course!.Title,
        }).Distinct().ToListAsync(ct);
        var offeringIds = choices.Select(c => c.OfferingId).Distinct().ToList();
        var instructors = await db.OfferingInstructors.AsNoTracking().Where(i => offeringIds.Contains(i.OfferingId))
            .Select(i => new { i.OfferingId, i.PersonId, i.Person!.FullName }).ToListAsync(ct);

        var surveys = all;
        if (filter.ProgrammeId is { } programmeId)
        {
            surveys = surveys.Where(s => s.ProgrammeId == programmeId);
        }

        if (filter.CourseId is { } courseId)
        {
            surveys = surveys.Where(s => db.Classes.Any(c => c.Id == s.OfferingId && c.CourseId == courseId));
        }

        if (filter.OfferingId is { } offeringId)
        {
            surveys = surveys.Where(s => s.OfferingId == offeringId);
        }

        if (filter.InstructorPersonId is { } instructorId)
        {
            surveys = surveys.Where(s => db.OfferingInstructors.Any(i => i.OfferingId == s.OfferingId && i.PersonId == instructorId));
        }

        var responses = db.SurveyResponses.Where(r => surveys.Any(s => s.Id == r.SurveyId));
        var count = await responses.CountAsync(ct);
        static List<FilterChoice> Choices(IEnumerable<FilterChoice> c) =>
            c.DistinctBy(x => x.Id).OrderBy(x => x.Name, StringComparer.CurrentCulture).ThenBy(x => x.Id).ToList();
        var programmes = Choices(choices.Where(c => c.ProgrammeId != null).Select(c => new FilterChoice(c.ProgrammeId!.Value, c.Programme)));
        var courses = Choices(choices.Where(c => c.CourseId != null).Select(c => new FilterChoice(c.CourseId!.Value, c.Course!)));
        var offerings = Choices(choices.Select(c => new FilterChoice(c.OfferingId, $"{c.Code} · {c.Title}")));
        var people = Choices(instructors.Select(i => new FilterChoice(i.PersonId, i.FullName)));
        if (count < Threshold)
        {
            return new EvaluationResults(filter, count, Threshold, false, null, [], [], programmes, courses, offerings, people);
        }

        var stamps = await responses.Select(r => new { r.Id, r.SubmittedAt }).ToDictionaryAsync(r => r.Id, r => r.SubmittedAt, ct);
        var answers = await db.SurveyAnswers.AsNoTracking().Where(a => responses.Any(r => r.Id == a.ResponseId))
            .Select(a => new { a.ResponseId, a.QuestionId, a.Value }).ToListAsync(ct);
        var questionIds = answers.Select(a => a.QuestionId).Distinct().ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id))
            .Select(q => new { View = new QuestionView(q.Id, q.Position, q.Kind, q.Required, q.SectionPt, q.SectionEn, q.TextPt, q.TextEn, q.OptionsPt, q.OptionsEn), q.Version!.Number, q.Version.QuestionnaireId })
            .ToListAsync(ct);
        var results = questions.OrderBy(q => q.QuestionnaireId).ThenByDescending(q => q.Number).ThenBy(q => q.View.Position)
            .Select(q => Aggregate(q.View, q.Number, answers.Where(a => a.QuestionId == q.View.Id).Select(a => a.Value).ToList()))
            .ToList();

        var scale = answers.Where(a => questions.Any(q => q.View.Id == a.QuestionId && q.View.Kind == QuestionKind.Scale))
            .Select(a => new { a.ResponseId, Grade = int.Parse(a.Value, System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        var overTime = scale.GroupBy(a => { var local = SaoPaulo.ToLocal(stamps[a.ResponseId]); return (local.Year, local.Month); })
            .Select(g => new MonthScore(g.Key.Year, g.Key.Month, Math.Round(g.Average(a => a.Grade), 2), g.Select(a => a.ResponseId).Distinct().Count()))
            .Where(m => m.Responses >= Threshold)
            .OrderBy(m => m.Year).ThenBy(m => m.Month).ToList();
        double? average = scale.Count == 0 ? null : Math.Round(scale.Average(a => a.Grade), 2);
        return new EvaluationResults(filter, count, Threshold, true, average, results, overTime, programmes, courses, offerings, people);
    }

    internal static QuestionResult Aggregate(QuestionView q, int version, List<string> values)
    {
        var options = q.Options;
        switch (q.Kind)
        {
            case QuestionKind.Scale:
                var grades = values.Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                var counts = Enumerable.Range(1, 5).Select(g => new OptionResult(g.ToString(System.Globalization.CultureInfo.InvariantCulture), grades.Count(x => x == g), 0)).ToList();
                return new(q.Id, version, q.Section, q.Text, q.Kind, values.Count, Math.Round(grades.Average(), 2), counts, []);
            case QuestionKind.SingleChoice or QuestionKind.MultipleChoice or QuestionKind.RankedTopics:
                var picks = values.Select(v => v.Split(',').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToList()).ToList();
                var rows = options.Select((o, i) => new OptionResult(o,
                    picks.Count(p => p.Contains(i)),
                    q.Kind == QuestionKind.RankedTopics ? picks.Sum(p => p.IndexOf(i) is var at and >= 0 ? options.Count - at : 0) : 0)).ToList();
                if (q.Kind == QuestionKind.RankedTopics)
                {
                    rows = rows.OrderByDescending(r => r.Points).ThenBy(r => r.Option, StringComparer.CurrentCulture).ToList();
                }

                return new(q.Id, version, q.Section, q.Text, q.Kind, values.Count, null, rows, []);
            default:
                return new(q.Id, version, q.Section, q.Text, q.Kind, values.Count, null, [], values.Order(StringComparer.CurrentCulture).ToList());
        }
    }
}
