using Microsoft.Extensions.Options;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Enrolment;

/// <summary>Lapses expired seat offers and passes the seats on (see <see cref="ExpireSeatOffers"/>).</summary>
public sealed class ExpireSeatOffersJob(TrainingHubDbContext db, TimeProvider time, IOptions<EnrolmentOptions> options, ILogger<ExpireSeatOffersJob> log) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var expired = await ExpireSeatOffers.HandleAsync(db, time, options, cancellationToken);
        if (expired > 0)
        {
            log.LogInformation("{Count} seat offer(s) expired and passed on", expired);
        }

        return JobResult.Of("Expired", expired);
    }
}
