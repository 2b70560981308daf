using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>One participation certificate of a series: whose, for which session (null: the whole series), its state.</summary>
public sealed record SeriesCertificateRow(int CertificateId, int PersonId, string FullName, string Cpf, string? Session, DateTime? SessionStartsAt,
    string Code, CertificateStatus Status, DateTime IssuedAt);

public sealed record SeriesCertificatesModel(int OfferingId, string Title, string Code, DateOnly StartsOn, DateOnly EndsOn, ParticipationRule Rule, int? Minimum,
    int Valid, Page<SeriesCertificateRow> Rows);

/// <summary>
/// An administrator's view of one series' participation certificates (webinar series, meetings, events): every
/// certificate issued, newest session first, filtered by name or CPF and paged, with the count of valid ones.
/// </summary>
public static class ListSeriesCertificates
{
    public static async Task<Result<SeriesCertificatesModel>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int offeringId, string? search, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var series = scope.IsAdministrator
            ? await db.WebinarSeries.InScope(scope).AsNoTracking().Where(o => o.Id == offeringId)
                .Select(o => new { o.Id, o.Title, o.Code, o.StartsOn, o.EndsOn, o.ParticipationRule, o.ParticipationMinimum }).FirstOrDefaultAsync(ct)
            : null;
        if (series is null)
        {
            return Error.NotFound("OfferingId", "Offering.NotFound");
        }

        var certificates = db.Certificates.AsNoTracking().Where(c => c.Kind == CertificateKind.Participation && c.OfferingId == offeringId);
        var valid = await certificates.CountAsync(c => c.Status == CertificateStatus.Valid, ct);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var key = NameKey.For(search);
            var digits = new string(search.Where(char.IsAsciiDigit).ToArray());
            certificates = certificates.Where(c => c.Person!.NameKey.Contains(key) || (digits.Length >= 3 && c.Person.Cpf.Contains(digits)));
        }

        var (p, size) = Page<SeriesCertificateRow>.Clamp(page, pageSize);
        var total = await certificates.CountAsync(ct);
        var rows = await certificates
            .OrderByDescending(c => c.Session != null ? c.Session.StartsAt : (DateTime?)null).ThenBy(c => c.Person!.NameKey).ThenBy(c => c.Id)
            .Skip((p - 1) * size).Take(size)
            .Select(c => new
            {
                c.Id,
                c.PersonId,
                c.Person!.FullName,
                c.Person.Cpf,
                OrganizationPath = c.Person.Organization!.Path,
                Session = c.Session != null ? c.Session.Title : null,
                StartsAt = c.Session != null ? (DateTime?)c.Session.StartsAt : null,
                c.VerificationCode,
                c.Status,
                c.IssuedAt,
            }).ToListAsync(ct);
        var items = rows.Select(r => new SeriesCertificateRow(r.Id, r.PersonId, r.FullName, scope.ShowCpf(r.Cpf, r.OrganizationPath), r.Session, r.StartsAt,
            r.VerificationCode, r.Status, r.IssuedAt)).ToList();
        return Result<SeriesCertificatesModel>.Ok(new SeriesCertificatesModel(series.Id, series.Title, series.Code, series.StartsOn, series.EndsOn,
            series.ParticipationRule, series.ParticipationMinimum, valid, new Page<SeriesCertificateRow>(items, p, size, total)));
    }
}
