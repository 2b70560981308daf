using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

/// <summary>
/// An evaluation a person is invited to: a class once all its sessions are held, or one session of a webinar series,
/// in which they have credited attendance, of a programme that evaluates its courses.
/// </summary>
public sealed record EvaluationInvitation(string Key, SurveyKind Kind, int OfferingId, int? SessionId, string Offering, string? Session,
    int ProgrammeId, int QuestionnaireId, bool RequiredForCertificate, DateTime ClosesAt, DateTime? AnsweredAt)
{
    public bool IsOpen(DateTime now) => now < ClosesAt;
}

/// <summary>The evaluations a person is invited to, newest first, answered or not; the one rule the home, the form and the certificate gate share.</summary>
public static class MyEvaluations
{
    public static string ClassKey(int offeringId) => string.Create(CultureInfo.InvariantCulture, $"class:{offeringId}");

    public static string SessionKey(int sessionId) => string.Create(CultureInfo.InvariantCulture, $"session:{sessionId}");

    /// <summary>The form's address for a key: "class:12" is /evaluations/class/12.</summary>
    public static string PathOf(string key) => "/evaluations/" + key.Replace(':', '/');

    public static async Task<IReadOnlyList<EvaluationInvitation>> HandleAsync(TrainingHubDbContext db, int personId, int? offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var attended = from c in CreditedAttendance.Query(db)
                       where c.PersonId == personId && c.CreditedMinutes > 0
                       join o in db.Offerings on c.OfferingId equals o.Id
                       join pe in db.ProgrammeEvaluations on o.ProgrammeId equals (int?)pe.ProgrammeId
                       select new { c.OfferingId, c.SessionId, o.Title, IsSeries = o is WebinarSeries, pe.ProgrammeId, pe.QuestionnaireId, pe.RequiredForCertificate, pe.DaysOpen };
        if (offeringId is { } only)
        {
            attended = attended.Where(a => a.OfferingId == only);
        }

        var rows = await attended.ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        var offeringIds = rows.Select(r => r.OfferingId).Distinct().ToList();
        var sessions = await db.Sessions.AsNoTracking().Where(s => offeringIds.Contains(s.OfferingId) && s.Status != SessionStatus.Cancelled)
            .Select(s => new { s.Id, s.OfferingId, s.Title, s.Status, s.EndsAt }).ToListAsync(ct);
        var list = new List<EvaluationInvitation>();
        foreach (var o in rows.GroupBy(r => r.OfferingId))
        {
            var first = o.First();
            var held = sessions.Where(s => s.OfferingId == o.Key).ToList();
            if (first.IsSeries)
            {
                foreach (var s in held.Where(s => s.Status == SessionStatus.Closed && o.Any(r => r.SessionId == s.Id)))
                {
                    list.Add(new(SessionKey(s.Id), SurveyKind.SessionEvaluation, o.Key, s.Id, first.Title, s.Title, first.ProgrammeId, first.QuestionnaireId,
                        first.RequiredForCertificate, s.EndsAt.AddDays(first.DaysOpen), null));
                }
            }
            else if (held.Count > 0 && held.All(s => s.Status == SessionStatus.Closed))
            {
                list.Add(new(ClassKey(o.Key), SurveyKind.ClassEvaluation, o.Key, null, first.Title, null, first.ProgrammeId, first.QuestionnaireId,
                    first.RequiredForCertificate, held.Max(s => s.EndsAt).AddDays(first.DaysOpen), null));
            }
        }

        // A survey already opened keeps its questionnaire and deadline, whatever the programme says now.
        var keys = list.Select(i => i.Key).ToList();
        var surveys = await db.Surveys.AsNoTracking().Where(s => keys.Contains(s.Key))
            .Select(s => new { s.Key, s.QuestionnaireId, s.ClosesAt, AnsweredAt = db.SurveyResponses.Where(r => r.SurveyId == s.Id && r.PersonId == personId).Select(r => (DateTime?)r.UpdatedAt).FirstOrDefault() })
            .ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct);
        return list.Select(i => surveys.TryGetValue(i.Key, out var s) ? i with { QuestionnaireId = s.QuestionnaireId, ClosesAt = s.ClosesAt, AnsweredAt = s.AnsweredAt } : i)
            .OrderByDescending(i => i.ClosesAt).ThenBy(i => i.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The evaluation that stands between a person and the certificate of this enrolment's offering: one the programme
    /// requires, still open and not answered. After its deadline it no longer holds the certificate back.
    /// </summary>
    public static async Task<EvaluationInvitation?> PendingForOfferingAsync(TrainingHubDbContext db, TimeProvider time, int personId, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        return (await HandleAsync(db, personId, offeringId, ct)).FirstOrDefault(i => i.RequiredForCertificate && i.AnsweredAt is null && i.IsOpen(now));
    }
}
