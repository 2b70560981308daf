using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Accounts;

/// <summary>Clears what expired, never-confirmed self-registration requests hold (see <see cref="PurgeRegistrationRequests"/>).</summary>
public sealed class PurgeRegistrationRequestsJob(TrainingHubDbContext db, TimeProvider time) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        JobResult.Of("Purged", await PurgeRegistrationRequests.HandleAsync(db, time, cancellationToken));
}
