using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Core.Reports;

/// <summary>
/// Course evaluation scores of the classes the reader sees (administrators and auditors: in scope), from answers given
/// in the period: per course (a webinar series counts as its own course) the answers and the average of the 1–5
/// grades, then per instructor of that course. The average shows only from <see cref="GetEvaluationResults.Threshold"/>
/// answers up, as on the results page; below, only the count.
/// </summary>
public static class EvaluationScoreReport
{
    public static async Task<ReportData> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, ReportRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = request.Period(time);
        var (fromUtc, toUtc) = ReportFacts.Bounds(from, to);
        var visible = GetEvaluationResults.Visible(db, scope);
        if (request.ProgrammeId is { } programmeId)
        {
            visible = visible.Where(o => o.ProgrammeId == programmeId);
        }

        var responses = db.SurveyResponses.Where(r => r.Survey!.Kind != SurveyKind.Needs && visible.Any(o => o.Id == r.Survey.OfferingId)
            && r.SubmittedAt >= fromUtc && r.SubmittedAt < toUtc);
        var organizations = await SurveyResponseRatesReport.OrganizationFilterAsync(db, request, ct);
        var rows0 = await responses.Select(r => new { r.Id, OfferingId = r.Survey!.OfferingId!.Value, r.OrganizationId }).ToListAsync(ct);
        var answered = rows0.Where(r => organizations is null || organizations.Contains(r.OrganizationId)).ToList();
        var ids = answered.Select(r => r.Id).ToHashSet();
        var grades = (await db.SurveyAnswers.AsNoTracking().Where(a => responses.Any(r => r.Id == a.ResponseId) && a.Question!.Kind == QuestionKind.Scale)
                .Select(a => new { a.ResponseId, a.Value }).ToListAsync(ct))
            .Where(a => ids.Contains(a.ResponseId))
            .ToLookup(a => a.ResponseId, a => int.Parse(a.Value, CultureInfo.InvariantCulture));
        var offeringIds = answered.Select(r => r.OfferingId).Distinct().ToList();
        var offerings = await db.Offerings.AsNoTracking().Where(o => offeringIds.Contains(o.Id))
            .Select(o => new { o.Id, o.Code, o.Title, CourseId = (int?)(o as CourseClass)!.CourseId, CourseCode = (o as CourseClass)!.Course!.Code, CourseTitle = (o as CourseClass)!.Course!.Title })
            .ToDictionaryAsync(o => o.Id, ct);
        var instructors = await db.OfferingInstructors.AsNoTracking().Where(i => offeringIds.Contains(i.OfferingId))
            .Select(i => new { i.OfferingId, i.PersonId, i.Person!.FullName }).ToListAsync(ct);
        var threshold = GetEvaluationResults.Threshold;

        decimal? Average(IReadOnlyCollection<int> responseIds)
        {
            var all = responseIds.SelectMany(id => grades[id]).ToList();
            return responseIds.Count < threshold || all.Count == 0 ? null : Math.Round((decimal)all.Average(), 2);
        }

        var rows = new List<object?[]>();
        var courses = answered.GroupBy(r => offerings[r.OfferingId] is var o && o.CourseId is not null ? (o.CourseCode, o.CourseTitle) : (o.Code, o.Title))
            .OrderBy(g => g.Key.Item1, StringComparer.Ordinal);
        foreach (var course in courses)
        {
            var courseResponses = course.Select(r => r.Id).ToList();
            rows.Add([course.Key.Item1, course.Key.Item2, new MessageKey("Report.AllInstructors"), courseResponses.Count, Average(courseResponses)]);
            var byInstructor = course.SelectMany(r => instructors.Where(i => i.OfferingId == r.OfferingId).Select(i => (i.PersonId, i.FullName, r.Id)))
                .GroupBy(x => (x.PersonId, x.FullName)).OrderBy(g => g.Key.FullName, StringComparer.CurrentCulture);
            foreach (var instructor in byInstructor)
            {
                var mine = instructor.Select(x => x.Id).Distinct().ToList();
                rows.Add([course.Key.Item1, course.Key.Item2, instructor.Key.FullName, mine.Count, Average(mine)]);
            }
        }

        return new ReportData
        {
            Kind = request.Kind,
            Columns =
            [
                new("Report.Col.Code", ColumnType.Text), new("Report.Col.Course", ColumnType.Text), new("Report.Col.Instructor", ColumnType.Text),
                new("Report.Col.Answers", ColumnType.Integer), new("Report.Col.Score", ColumnType.Decimal),
            ],
            RowCount = rows.Count,
            Rows = (skip, take) => ReportData.Slice(rows, skip, take),
            Totals = [null, null, null, answered.Count, Average(answered.Select(r => r.Id).ToList())],
            Filters = await ReportFacts.DescribeAsync(db, scope, request, from, to, ct),
            From = from,
            To = to,
        };
    }
}
