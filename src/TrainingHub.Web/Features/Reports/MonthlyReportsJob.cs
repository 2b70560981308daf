using TrainingHub.Core.Data;
using TrainingHub.Core.Reports;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Reports;

/// <summary>Queues the subscribed monthly reports (see <see cref="QueueMonthlyReports"/>).</summary>
public sealed class MonthlyReportsJob(TrainingHubDbContext db, TimeProvider time) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        JobResult.Of("Queued", await QueueMonthlyReports.HandleAsync(db, time, cancellationToken));
}
