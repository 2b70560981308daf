using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Surveys;

/// <summary>
/// The reminders of needs surveys (a recurring job): for every sent survey closing within <see cref="DaysBefore"/>
/// days and still open, one reminder to each person asked who has not answered, under the key
/// "NeedsSurveyReminder:{survey}:{person}", so running again, or on two instances, reminds nobody twice.
/// </summary>
public static class RemindNeedsSurveys
{
    public const int DaysBefore = 3;

    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var soon = now.AddDays(DaysBefore);
        var surveys = await db.Surveys.AsNoTracking()
            .Where(s => s.Kind == SurveyKind.Needs && s.SentAt != null && s.ClosesAt > now && s.ClosesAt <= soon)
            .OrderBy(s => s.Id).ToListAsync(ct);
        var queued = 0;
        foreach (var survey in surveys)
        {
            queued += await SendNeedsSurvey.QueueAsync(db, survey, reminder: true, now, ct);
        }

        return queued;
    }
}
