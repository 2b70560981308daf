using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

public sealed record CertificateDetailsModel(CertificateItem Item, VerificationResult Details, int? OfferingId)
{
    /// <summary>Valid though a correction turned the enrolment into not completed: the administrator revokes or keeps it (<see cref="CertificateReview"/>).</summary>
    public bool UnderReview { get; init; }

    /// <summary>The decision to keep it valid after such a correction, when one was taken.</summary>
    public ReviewKept? Kept { get; init; }
}

public sealed record ReviewKept(DateTime At, string Reason, string By);

/// <summary>One certificate as an administrator in scope sees it before revoking or reissuing: status, what it states, its class.</summary>
public static class CertificateDetails
{
    public static async Task<CertificateDetailsModel?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int certificateId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var c = await db.Certificates.AdministeredBy(db, scope).AsNoTracking().Where(x => x.Id == certificateId)
            .Select(x => new
            {
                x.Id,
                x.Kind,
                x.VerificationCode,
                x.Status,
                x.IssuedAt,
                x.ValidUntil,
                x.PeriodFrom,
                x.PeriodTo,
                x.SnapshotJson,
                x.RevokedAt,
                x.RevocationReason,
                x.ReviewKeptAt,
                x.ReviewKeptReason,
                x.ReviewKeptBy,
                Enrolment = x.Enrolment != null ? (Enrolment.EnrolmentStatus?)x.Enrolment.Status : null,
                Successor = x.SupersededBy != null ? x.SupersededBy.VerificationCode : null,
                OfferingId = x.Enrolment != null ? (int?)x.Enrolment.OfferingId : x.OfferingId,
                Title = x.Enrolment != null ? x.Enrolment.Offering!.Title : x.Session != null ? x.Session.Title : x.Offering != null ? x.Offering.Title : null,
            }).FirstOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }

        var s = CertificateSnapshot.FromJson(c.SnapshotJson);
        var item = new CertificateItem(c.Id, c.Kind, c.VerificationCode, c.Status, c.Title ?? "", c.IssuedAt, c.ValidUntil, c.PeriodFrom, c.PeriodTo, c.Successor, c.RevocationReason);
        var status = item.Expired(time.GetUtcNow().UtcDateTime) ? VerificationResult.Expired : c.Status.ToString();
        var transcript = c.Kind == CertificateKind.Transcript;
        var details = new VerificationResult(status, c.Kind.ToString(), c.VerificationCode, s.HolderName, transcript ? null : s.CourseTitle,
            transcript ? s.TotalMinutes : s.WorkloadMinutes, s.StartsOn, s.EndsOn, s.Issuer, s.IssuerCnpj is { } cnpj ? Cnpj.Format(cnpj) : null, s.IssuedOn, s.ValidUntil, c.RevokedAt, c.RevocationReason,
            c.Successor, s.PeriodFrom, s.PeriodTo);
        return new CertificateDetailsModel(item, details, c.OfferingId)
        {
            UnderReview = CertificateReview.IsUnderReview(c.Status, c.Kind, c.Enrolment, c.ReviewKeptAt),
            Kept = c.ReviewKeptAt is { } at && c.Status == CertificateStatus.Valid ? new ReviewKept(at, c.ReviewKeptReason ?? "", c.ReviewKeptBy ?? "") : null,
        };
    }
}
