using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

public sealed record CertificateItem(int Id, CertificateKind Kind, string Code, CertificateStatus Status, string Title, DateTime IssuedAt,
    DateTime? ValidUntil, DateOnly? PeriodFrom, DateOnly? PeriodTo, string? SupersededByCode, string? RevocationReason)
{
    public bool Expired(DateTime now) => Status == CertificateStatus.Valid && ValidUntil is { } until && now >= until;
}

/// <summary>"Meus certificados": every certificate and transcript of one person, newest first (valid, revoked and superseded alike).</summary>
public static class ListMyCertificates
{
    public static async Task<IReadOnlyList<CertificateItem>> HandleAsync(TrainingHubDbContext db, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Certificates.AsNoTracking().Where(c => c.PersonId == personId)
            .OrderByDescending(c => c.IssuedAt).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                c.Id,
                c.Kind,
                c.VerificationCode,
                c.Status,
                Title = c.Enrolment != null ? c.Enrolment.Offering!.Title : c.Session != null ? c.Session.Title : c.Offering != null ? c.Offering.Title : null,
                c.IssuedAt,
                c.ValidUntil,
                c.PeriodFrom,
                c.PeriodTo,
                Successor = c.SupersededBy != null ? c.SupersededBy.VerificationCode : null,
                c.RevocationReason,
            }).ToListAsync(ct);
        return rows.Select(r => new CertificateItem(r.Id, r.Kind, r.VerificationCode, r.Status, r.Title ?? "", r.IssuedAt, r.ValidUntil, r.PeriodFrom, r.PeriodTo, r.Successor, r.RevocationReason)).ToList();
    }
}
