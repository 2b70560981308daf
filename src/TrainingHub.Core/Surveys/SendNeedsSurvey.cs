using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.People;
using TrainingHub.Core.Surveys.Messages;

namespace TrainingHub.Core.Surveys;

/// <summary>
/// Sends a needs survey: one invitation email per person asked, through the outbox under the key
/// "NeedsSurveyInvitation:{survey}:{person}", so sending again (or two administrators at once) reaches only people not
/// yet invited, such as a focal point named since. A closed survey is not sent.
/// </summary>
public static class SendNeedsSurvey
{
    /// <summary>Who a needs survey asks: the people of the organisations taking part (their focal points, or all), not anonymised.</summary>
    public static IQueryable<Person> Recipients(TrainingHubDbContext db, int surveyId)
    {
        ArgumentNullException.ThrowIfNull(db);
        var survey = db.Surveys.Where(s => s.Id == surveyId && s.Kind == SurveyKind.Needs);
        return db.People.Where(p => p.AnonymizedAt == null
            && survey.Any(s => s.Organizations.Any(o => o.OrganizationId == p.OrganizationId) && (s.Audience == NeedsAudience.AllMembers || p.IsFocalPoint)));
    }

    public static string FormPath(int surveyId) => string.Create(CultureInfo.InvariantCulture, $"/needs/{surveyId}");

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int surveyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var visible = db.Programmes.InScope(scope);
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == surveyId && s.Kind == SurveyKind.Needs && visible.Any(p => p.Id == s.ProgrammeId), ct);
        if (survey is null)
        {
            return Error.NotFound("SurveyId", "Survey.NeedsNotFound");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (survey.ClosesAt <= now)
        {
            return Error.Conflict("SurveyId", "Survey.NeedsClosed", SaoPaulo.FormatDate(survey.ClosesAt.AddSeconds(-1)));
        }

        survey.SentAt ??= now;
        var queued = await QueueAsync(db, survey, reminder: false, now, ct);
        return Result<int>.Ok(queued);
    }

    /// <summary>Queues the invitation (or reminder) to everyone asked whose key is not in the outbox yet, and saves; returns how many.</summary>
    internal static async Task<int> QueueAsync(TrainingHubDbContext db, Survey survey, bool reminder, DateTime now, CancellationToken ct)
    {
        var programme = await db.Programmes.Where(p => p.Id == survey.ProgrammeId).Select(p => p.Name).FirstAsync(ct);
        var people = Recipients(db, survey.Id);
        if (reminder)
        {
            people = people.Where(p => !db.SurveyResponses.Any(r => r.SurveyId == survey.Id && r.PersonId == p.Id));
        }

        var rows = await people.AsNoTracking().Select(p => new { p.Id, p.FullName, p.Email, p.PreferredLanguage, Organization = p.Organization!.Name }).ToListAsync(ct);
        var type = reminder ? "NeedsSurveyReminder" : nameof(NeedsSurveyInvitation);
        string Key(int personId) => string.Create(CultureInfo.InvariantCulture, $"{type}:{survey.Id}:{personId}");
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{type}:{survey.Id}:");
        var done = (await db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith(prefix)).Select(m => m.IdempotencyKey).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var count = 0;
        foreach (var p in rows.Where(p => !done.Contains(Key(p.Id))))
        {
            Outbox.Add(db, p.Id, p.Email, p.PreferredLanguage, Key(p.Id),
                new NeedsSurveyInvitation(p.FullName, programme, survey.Cycle ?? "", p.Organization, survey.ClosesAt, FormPath(survey.Id), reminder), now);
            count++;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return count;
        }
        catch (DbUpdateException)
        {
            // Another instance queued the same keys at the same moment: theirs stand, nothing goes twice.
            db.ChangeTracker.Clear();
            return 0;
        }
    }
}
