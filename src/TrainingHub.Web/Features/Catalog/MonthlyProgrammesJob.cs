using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog;

/// <summary>Announces this month's programme of every webinar series (see <see cref="AnnounceMonthlyProgrammes"/>).</summary>
public sealed class MonthlyProgrammesJob(TrainingHubDbContext db, TimeProvider time) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        JobResult.Of("Queued", await AnnounceMonthlyProgrammes.HandleAsync(db, time, cancellationToken));
}
