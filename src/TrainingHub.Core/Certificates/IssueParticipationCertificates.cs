using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// Issues the participation certificates of webinar series, meetings and events by each series' rule
/// (<see cref="ParticipationRule"/>): one per attended session once it has ended, or one for attending at least N of
/// the series' sessions once the series has ended. Batches and exactly-once as for classes
/// (<see cref="IssueCertificates"/>): the filtered unique indexes (one valid certificate per person and session, and
/// per person and series) refuse a second certificate from a retried run or another instance; a refused batch is
/// rolled back whole and read again. The whole installation (the job) or one series (an administrator's "issue now").
/// </summary>
public static class IssueParticipationCertificates
{
    public static async Task<IssueOutcome> HandleAsync(TrainingHubDbContext db, TimeProvider time, IssueSettings settings, int? offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.HasPublicUrl)
        {
            return new IssueOutcome(0, 0, 0);
        }

        return await IssueBatches.RunAsync(db, async () =>
        {
            var batch = await ParticipationContent.PendingAsync(db, time, offeringId, settings.BatchSize, ct);
            if (batch.Count == 0)
            {
                return 0;
            }

            var now = time.GetUtcNow().UtcDateTime;
            foreach (var (due, src, snapshot) in await ParticipationContent.SnapshotsAsync(db, settings, batch, now, ct))
            {
                db.Certificates.Add(ParticipationContent.NewCertificate(snapshot, due));
                CertificateContent.QueueEmail(db, src, snapshot, reissue: false, now);
            }

            return batch.Count;
        }, ct);
    }

    /// <summary>An administrator's "issue now" for one series in scope; refused while the series has no participation rule.</summary>
    public static async Task<Result<IssueOutcome>> ForSeriesAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IssueSettings settings, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(settings);
        var rule = scope.IsAdministrator
            ? await db.WebinarSeries.InScope(scope).Where(w => w.Id == offeringId).Select(w => (ParticipationRule?)w.ParticipationRule).FirstOrDefaultAsync(ct)
            : null;
        if (rule is null)
        {
            return Error.NotFound("OfferingId", "Offering.NotFound");
        }

        if (!settings.HasPublicUrl)
        {
            return IssueSettings.PublicUrlMissing;
        }

        if (rule == ParticipationRule.None)
        {
            return Error.Conflict("OfferingId", "Certificate.NoParticipationRule");
        }

        return Result<IssueOutcome>.Ok(await HandleAsync(db, time, settings, offeringId, ct));
    }
}
