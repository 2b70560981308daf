using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

public sealed record IssueOutcome(int Issued, int Batches, int Conflicts);

/// <summary>
/// The batch loop both issuers share: <c>addBatch</c> reads the next batch and adds its certificates and emails to the
/// context (returning how many, 0 when nothing is left); each batch is saved in one transaction. A batch refused by a
/// unique index (another writer issued some of it meanwhile) is dropped whole and read again, up to 50 times.
/// </summary>
internal static class IssueBatches
{
    private const int MaxConflicts = 50;

    public static async Task<IssueOutcome> RunAsync(TrainingHubDbContext db, Func<Task<int>> addBatch, CancellationToken ct)
    {
        var issued = 0;
        var batches = 0;
        var conflicts = 0;
        while (true)
        {
            var count = await addBatch();
            if (count == 0)
            {
                return new IssueOutcome(issued, batches, conflicts);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                issued += count;
                batches++;
            }
            catch (DbUpdateException) when (conflicts < MaxConflicts)
            {
                conflicts++;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}

/// <summary>
/// Issues the certificates of completed class enrolments that have none yet (of any status: a revoked certificate is
/// not silently replaced), in batches: one query reads a batch with everything the snapshots need, the batch's PDFs are
/// rendered in parallel on every core, one save inserts the certificates, their PDFs, their "CertificateIssued" emails
/// and their audit entries in one transaction. Exactly once: the
/// filtered unique index (one valid certificate per enrolment) refuses a second certificate written by a retried run,
/// another instance or a run that crashed halfway (its transaction never committed); a refused batch is rolled back
/// whole and read again, now without what the other writer issued. The whole installation (the job) or one class (an
/// administrator's "issue now"). Nothing is issued while the public address is unset (<see cref="IssueSettings.HasPublicUrl"/>),
/// nor before the class has ended (<see cref="Ended"/>): a certificate states the class's dates.
/// </summary>
public static class IssueCertificates
{
    /// <summary>Enrolments of classes that have ended: the last day of the class's period has come and none of its sessions is still to end.</summary>
    public static IQueryable<Enrolment.Enrolment> Ended(TrainingHubDbContext db, TimeProvider time, IQueryable<Enrolment.Enrolment> enrolments)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var today = Common.SaoPaulo.Today(time);
        return enrolments.Where(e => e.Offering!.EndsOn <= today
            && !db.Sessions.Any(s => s.OfferingId == e.OfferingId && s.Status != Catalog.SessionStatus.Cancelled && s.EndsAt > now));
    }

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
            var pending = Ended(db, time, db.Enrolments.Where(e => !db.Certificates.Any(c => c.EnrolmentId == e.Id)));
            if (offeringId is { } only)
            {
                pending = pending.Where(e => e.OfferingId == only);
            }

            var batch = await CertificateContent.Sources(db, pending).Take(settings.BatchSize).AsNoTracking().ToListAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            var snapshots = batch.Select(src => CertificateContent.Snapshot(src, settings, VerificationCodes.New(), now)).ToList();
            // Each certificate's PDF is rendered here, once, on every core (the renderer is CPU only; documents share nothing).
            var certificates = new Certificate[batch.Count];
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = ct },
                i => certificates[i] = CertificateContent.NewCertificate(snapshots[i], batch[i].PersonId, batch[i].EnrolmentId));
            for (var i = 0; i < batch.Count; i++)
            {
                db.Certificates.Add(certificates[i]);
                CertificateContent.QueueEmail(db, batch[i], snapshots[i], reissue: false, now);
            }

            return batch.Count;
        }, ct);
    }
}
