using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Certificates;

/// <summary>Issues the certificates of completed enrolments that have none, in batches, exactly once (see <see cref="IssueCertificates"/>).</summary>
public sealed class IssueCertificatesJob(TrainingHubDbContext db, TimeProvider time, IssueSettings settings, ILogger<IssueCertificatesJob> log) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        if (!settings.HasPublicUrl)
        {
            return JobResult.Of("WaitingForPublicUrl", 0);
        }

        var outcome = await IssueCertificates.HandleAsync(db, time, settings, offeringId: null, cancellationToken);
        if (outcome.Issued > 0)
        {
            log.LogInformation("{Count} certificate(s) issued in {Batches} batch(es), {Conflicts} conflict(s) with another writer", outcome.Issued, outcome.Batches, outcome.Conflicts);
        }

        return JobResult.Of("Issued", outcome.Issued);
    }
}
