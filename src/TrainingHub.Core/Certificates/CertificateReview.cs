using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// A valid completion certificate whose enrolment is no longer Completed (a correction of attendance turned it Failed)
/// is under review: it stays valid until an administrator revokes it (with a reason) or reissues it after a further
/// correction, but meanwhile the public page says "under review", the class ZIP leaves it out, and the class's
/// certificate list and the administrator's home show it. The one place this rule is written.
/// </summary>
public static class CertificateReview
{
    public static IQueryable<Certificate> UnderReview(this IQueryable<Certificate> certificates) =>
        certificates.Where(c => c.Status == CertificateStatus.Valid && c.Kind == CertificateKind.Completion
            && c.Enrolment != null && c.Enrolment.Status != EnrolmentStatus.Completed);

    public static bool IsUnderReview(CertificateStatus? status, CertificateKind kind, EnrolmentStatus? enrolment) =>
        status == CertificateStatus.Valid && kind == CertificateKind.Completion && enrolment is { } e && e != EnrolmentStatus.Completed;

    /// <summary>How many certificates in the administrator's scope are under review, and one class that has some.</summary>
    public static async Task<(int Count, int? OfferingId)> CountAsync(TrainingHubDbContext db, ReaderScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var review = db.Certificates.AdministeredBy(db, scope).UnderReview();
        var count = await review.CountAsync(ct);
        return count == 0 ? (0, null) : (count, await review.OrderBy(c => c.Id).Select(c => (int?)c.Enrolment!.OfferingId).FirstAsync(ct));
    }
}
