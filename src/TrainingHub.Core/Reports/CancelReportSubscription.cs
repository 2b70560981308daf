using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>Cancels one of the reader's own subscriptions (a conditional update: cancelling twice changes nothing). Reports already queued still go.</summary>
public static class CancelReportSubscription
{
    public static async Task<Result<bool>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var now = time.GetUtcNow().UtcDateTime;
        var mine = db.ReportSubscriptions.Where(s => s.Id == id && s.UserId == scope.UserId);
        if (!await mine.AnyAsync(ct))
        {
            return Error.NotFound("Id", "ReportSubscription.NotFound");
        }

        var changed = await mine.Where(s => s.CancelledAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.CancelledAt, now), ct);
        return Result<bool>.Ok(changed > 0);
    }
}
