using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Certificates;

public sealed record ClassCertificateRow(int EnrolmentId, int PersonId, string FullName, string Cpf, EnrolmentStatus EnrolmentStatus,
    int? CertificateId, string? Code, CertificateStatus? Status, DateTime? IssuedAt, DateTime? ReviewKeptAt = null)
{
    /// <summary>Valid though the enrolment is no longer completed: revoke it, keep it, or correct and reissue (<see cref="CertificateReview"/>).</summary>
    public bool UnderReview => CertificateReview.IsUnderReview(Status, CertificateKind.Completion, EnrolmentStatus, ReviewKeptAt);

    /// <summary>Kept valid by an administrator although the enrolment is no longer completed.</summary>
    public bool KeptAfterReview => ReviewKeptAt is not null && Status == CertificateStatus.Valid && EnrolmentStatus != EnrolmentStatus.Completed;
}

public sealed record ClassCertificatesModel(int OfferingId, string Title, string Code, DateOnly StartsOn, DateOnly EndsOn, int Completed, int Issued,
    Page<ClassCertificateRow> Rows, int UnderReview);

/// <summary>
/// An administrator's view of one class's certificates: every completed (or failed) enrolment with its latest
/// certificate, filtered by name or CPF and paged; counts of completed enrolments and valid certificates.
/// </summary>
public static class ListClassCertificates
{
    public static async Task<Result<ClassCertificatesModel>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int offeringId, string? search, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var offering = scope.IsAdministrator
            ? await db.Offerings.OfType<CourseClass>().InScope(scope).AsNoTracking().Where(o => o.Id == offeringId)
                .Select(o => new { o.Id, o.Title, o.Code, o.StartsOn, o.EndsOn }).FirstOrDefaultAsync(ct)
            : null;
        if (offering is null)
        {
            return Error.NotFound("OfferingId", "Offering.NotFound");
        }

        var enrolments = db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offeringId && (e.Status == EnrolmentStatus.Completed || e.Status == EnrolmentStatus.Failed));
        var completed = await enrolments.CountAsync(e => e.Status == EnrolmentStatus.Completed, ct);
        var issued = await db.Certificates.CountAsync(c => c.Status == CertificateStatus.Valid && c.Enrolment!.OfferingId == offeringId, ct);
        var underReview = await db.Certificates.UnderReview().CountAsync(c => c.Enrolment!.OfferingId == offeringId, ct);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var key = NameKey.For(search);
            var digits = new string(search.Where(char.IsAsciiDigit).ToArray());
            enrolments = enrolments.Where(e => e.Person!.NameKey.Contains(key) || (digits.Length >= 3 && e.Person.Cpf.Contains(digits)));
        }

        var (p, size) = Page<ClassCertificateRow>.Clamp(page, pageSize);
        var total = await enrolments.CountAsync(ct);
        var rows = await enrolments.OrderBy(e => e.Person!.NameKey).Skip((p - 1) * size).Take(size)
            .Select(e => new
            {
                e.Id,
                e.PersonId,
                e.Person!.FullName,
                e.Person.Cpf,
                OrganizationPath = e.Person.Organization!.Path,
                e.Status,
                Certificate = db.Certificates.Where(c => c.EnrolmentId == e.Id).OrderByDescending(c => c.Id)
                    .Select(c => new { c.Id, c.VerificationCode, c.Status, c.IssuedAt, c.ReviewKeptAt }).FirstOrDefault(),
            }).ToListAsync(ct);
        var items = rows.Select(r => new ClassCertificateRow(r.Id, r.PersonId, r.FullName, scope.ShowCpf(r.Cpf, r.OrganizationPath), r.Status,
            r.Certificate?.Id, r.Certificate?.VerificationCode, r.Certificate?.Status, r.Certificate?.IssuedAt, r.Certificate?.ReviewKeptAt)).ToList();
        return Result<ClassCertificatesModel>.Ok(new ClassCertificatesModel(offering.Id, offering.Title, offering.Code, offering.StartsOn, offering.EndsOn, completed, issued,
            new Page<ClassCertificateRow>(items, p, size, total), underReview));
    }
}
