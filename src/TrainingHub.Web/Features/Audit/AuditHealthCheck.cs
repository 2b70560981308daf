using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;

namespace TrainingHub.Web.Features.Audit;

/// <summary><c>/health/audit</c>: unhealthy when the last scheduled verification failed, degraded while entries wait longer than the sealing lag allows.</summary>
public sealed class AuditHealthCheck(TrainingHubDbContext db, AuditSealing sealing, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var s = await GetAuditStatus.HandleAsync(db, sealing, time, cancellationToken);
        if (s.VerificationFailed)
        {
            return HealthCheckResult.Unhealthy($"audit verification failed: {s.VerifiedProblem} at entry {s.VerifiedSequence}");
        }

        return s.Lagging
            ? HealthCheckResult.Degraded($"{s.Unsealed} audit entries unsealed, the oldest since {s.OldestUnsealedAt:O}")
            : HealthCheckResult.Healthy($"{s.Unsealed} audit entries waiting, chain at {s.LastSequence}");
    }
}
