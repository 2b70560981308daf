using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// Revokes a valid certificate with a reason (an administrator in scope): the public page then says "revoked" with the
/// reason and date. The audit entry carries the reason. A revoked certificate is never reissued by the job.
/// </summary>
public static class RevokeCertificate
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IAuditActor actor, int certificateId, string? reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(actor);
        var (text, invalid) = CertificateReason.Check(reason);
        if (invalid is not null)
        {
            return Error.Validation([invalid]);
        }

        var certificate = await db.Certificates.AdministeredBy(db, scope).FirstOrDefaultAsync(c => c.Id == certificateId, ct);
        if (certificate is null)
        {
            return Error.NotFound("Id", "Certificate.NotFound");
        }

        if (certificate.Status != CertificateStatus.Valid)
        {
            return Error.Conflict("Id", "Certificate.NotValid");
        }

        certificate.Status = CertificateStatus.Revoked;
        certificate.RevokedAt = time.GetUtcNow().UtcDateTime;
        certificate.RevocationReason = text;
        actor.Reason = text;
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(certificate.Id);
    }
}
