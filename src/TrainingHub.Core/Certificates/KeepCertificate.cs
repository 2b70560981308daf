using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// Keeps a certificate that is under review (<see cref="CertificateReview"/>) valid, with a reason (an administrator in
/// scope): it leaves "under review", the public page says "valid" again and the class ZIP includes it. The decision
/// (when, why, who) stays on the certificate and the audit entry carries the reason. Only a certificate under review
/// can be kept.
/// </summary>
public static class KeepCertificate
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

        if (!await db.Certificates.UnderReview().AnyAsync(c => c.Id == certificateId, ct))
        {
            return Error.Conflict("Id", "Certificate.NotUnderReview");
        }

        certificate.ReviewKeptAt = time.GetUtcNow().UtcDateTime;
        certificate.ReviewKeptReason = text;
        certificate.ReviewKeptBy = actor.Name.Length > 200 ? actor.Name[..200] : actor.Name;
        actor.Reason = text;
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(certificate.Id);
    }
}
