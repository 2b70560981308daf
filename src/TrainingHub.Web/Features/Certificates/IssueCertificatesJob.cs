using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Certificates;

/// <summary>
/// Issues the certificates of completed enrolments that have none, in batches, exactly once (see <see cref="IssueCertificates"/>),
/// then the participation certificates series are due by their rule (<see cref="IssueParticipationCertificates"/>).
/// </summary>
public sealed class IssueCertificatesJob(TrainingHubDbContext db, TimeProvider time, IssueSettings settings, ILogger<IssueCertificatesJob> log) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        if (!settings.HasPublicUrl)
        {
            return JobResult.Of("WaitingForPublicUrl", 0);
        }

        var outcome = await IssueCertificates.HandleAsync(db, time, settings, offeringId: null, cancellationToken);
        var participation = await IssueParticipationCertificates.HandleAsync(db, time, settings, offeringId: null, cancellationToken);
        var issued = outcome.Issued + participation.Issued;
        if (issued > 0)
        {
            log.LogInformation("{Count} certificate(s) issued ({Participation} of participation) in {Batches} batch(es), {Conflicts} conflict(s) with another writer",
                issued, participation.Issued, outcome.Batches + participation.Batches, outcome.Conflicts + participation.Conflicts);
        }

        return JobResult.Of("Issued", issued);
    }
}
