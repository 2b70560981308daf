using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Notifications;

/// <summary>
/// Queues the monthly yearly-target progress digests (see <see cref="QueueProgressDigests"/>) and the notes about who
/// will miss a target to their managers and the programmes' owners (<see cref="QueueTargetDigests"/>).
/// </summary>
public sealed class ProgressDigestsJob(TrainingHubDbContext db, TimeProvider time, IConfiguration config) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        JobResult.Of("Queued", await QueueProgressDigests.HandleAsync(db, time, config["App:PublicUrl"], cancellationToken)
            + await QueueTargetDigests.HandleAsync(db, time, config["App:PublicUrl"], cancellationToken));
}
