using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Audit;

/// <summary>Verifies the audit trail on a schedule and alerts the administrators when it finds a problem (see <see cref="RunAuditVerification"/>).</summary>
public sealed class VerifyAuditTrailJob(TrainingHubDbContext db, AuditSealing sealing, TimeProvider time, IConfiguration config, ILogger<VerifyAuditTrailJob> log) : IScheduledJob
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var v = await RunAuditVerification.HandleAsync(db, sealing, time, config["App:PublicUrl"] ?? "", cancellationToken);
        if (!v.Intact)
        {
            log.LogError("Audit trail verification failed: {Problem} at entry {Sequence} ({Checked} entries read)", v.Problem, v.Sequence, v.Checked);
        }

        return v.Intact ? JobResult.Of("Intact", v.Checked) : JobResult.Of("Broken", v.Sequence ?? 0) + ":" + v.Problem;
    }
}
