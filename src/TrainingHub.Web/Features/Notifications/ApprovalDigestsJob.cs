using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Notifications;

/// <summary>Queues the managers' digests of pending approvals (see <see cref="QueueApprovalDigests"/>).</summary>
public sealed class ApprovalDigestsJob(TrainingHubDbContext db, TimeProvider time, IConfiguration config) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        JobResult.Of("Queued", await QueueApprovalDigests.HandleAsync(db, time, config["App:PublicUrl"], cancellationToken));
}
