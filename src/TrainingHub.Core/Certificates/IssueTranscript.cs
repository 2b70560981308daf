using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

public sealed record TranscriptIssued(int Id, string Code, bool New);

/// <summary>
/// The transcript ("declaração de horas") of one person for a period (a year, or any date range in São Paulo dates):
/// every credited minute (<see cref="CreditedAttendance"/>) of sessions in the period, per class and webinar series,
/// stored as a document of its own with a snapshot and a verification code. Asking again for the same period returns
/// the same document while the hours are unchanged; when they changed, a new transcript supersedes the old one. The
/// person themself, or an administrator whose scope holds the person.
/// </summary>
public static class IssueTranscript
{
    public static async Task<Result<TranscriptIssued>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IssueSettings settings,
        int personId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(settings);
        if (to < from || to.DayNumber - from.DayNumber > 3660)
        {
            return Error.Validation("To", "Certificate.PeriodInvalid");
        }

        var allowed = scope.PersonId == personId || (scope.IsAdministrator && await db.People.InScope(scope).AnyAsync(p => p.Id == personId, ct));
        var person = allowed
            ? await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.FullName, p.Cpf, p.PreferredLanguage }).FirstOrDefaultAsync(ct)
            : null;
        if (person is null)
        {
            return Error.NotFound("PersonId", "Person.NotFound");
        }

        if (!settings.HasPublicUrl)
        {
            return IssueSettings.PublicUrlMissing;
        }

        var start = SaoPaulo.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var end = SaoPaulo.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var grouped = await CreditedAttendance.Query(db)
            .Where(c => c.PersonId == personId && c.SessionStartsAt >= start && c.SessionStartsAt < end && c.CreditedMinutes > 0)
            .GroupBy(c => c.OfferingId)
            .Select(g => new { OfferingId = g.Key, Minutes = g.Sum(c => c.CreditedMinutes), Sessions = g.Count(), First = g.Min(c => c.SessionStartsAt), Last = g.Max(c => c.SessionStartsAt) })
            .ToListAsync(ct);
        var ids = grouped.Select(g => g.OfferingId).ToList();
        var offerings = await db.Offerings.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.Title, o.Code, IsWebinar = o is WebinarSeries, Programme = o.Programme != null ? o.Programme.Name : null })
            .ToDictionaryAsync(o => o.Id, ct);
        var lines = grouped
            .Select(g => (g, o: offerings[g.OfferingId]))
            .Select(x => new TranscriptLine(x.o.Title, x.o.Code, x.o.IsWebinar, x.o.Programme,
                DateOnly.FromDateTime(SaoPaulo.ToLocal(x.g.First)), DateOnly.FromDateTime(SaoPaulo.ToLocal(x.g.Last)), x.g.Sessions, x.g.Minutes))
            .OrderBy(l => l.From).ThenBy(l => l.Code, StringComparer.Ordinal).ToList();

        var now = time.GetUtcNow().UtcDateTime;
        var issuedAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var code = VerificationCodes.New();
        var snapshot = new CertificateSnapshot
        {
            Kind = nameof(CertificateKind.Transcript),
            Language = Languages.IsSupported(person.PreferredLanguage) ? person.PreferredLanguage : Languages.Portuguese,
            HolderName = person.FullName,
            HolderCpfMasked = Cpf.Mask(person.Cpf),
            Issuer = settings.Issuer,
            IssuerCnpj = settings.IssuerCnpj,
            Place = settings.Place,
            Signatories = CertificateSettings.ParseSignatories(settings.Signatories),
            IssuedOn = DateOnly.FromDateTime(SaoPaulo.ToLocal(issuedAt)),
            IssuedAt = issuedAt,
            VerificationCode = code,
            VerificationUrl = CertificateSnapshot.UrlFor(settings.PublicUrl, code),
            PeriodFrom = from,
            PeriodTo = to,
            Lines = lines,
            TotalMinutes = lines.Sum(l => l.CreditedMinutes),
        };
        var hash = snapshot.ContentHash();
        var current = await db.Certificates.FirstOrDefaultAsync(c => c.Kind == CertificateKind.Transcript && c.PersonId == personId
            && c.Status == CertificateStatus.Valid && c.PeriodFrom == from && c.PeriodTo == to, ct);
        if (current is not null && current.ContentHash == hash)
        {
            return Result<TranscriptIssued>.Ok(new TranscriptIssued(current.Id, current.VerificationCode, false));
        }

        var fresh = CertificateContent.NewCertificate(snapshot, personId, null);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (current is not null)
        {
            var left = await db.Certificates.Where(c => c.Id == current.Id && c.Status == CertificateStatus.Valid)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, CertificateStatus.Superseded).SetProperty(c => c.SupersededById, c => c.Id), ct);
            if (left == 1)
            {
                current.Status = CertificateStatus.Superseded;
                current.SupersededBy = fresh;
            }
        }

        db.Certificates.Add(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same transcript was issued by a simultaneous request: answer with that one.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var other = await db.Certificates.AsNoTracking().Where(c => c.Kind == CertificateKind.Transcript && c.PersonId == personId
                && c.Status == CertificateStatus.Valid && c.PeriodFrom == from && c.PeriodTo == to).Select(c => new { c.Id, c.VerificationCode }).FirstAsync(ct);
            return Result<TranscriptIssued>.Ok(new TranscriptIssued(other.Id, other.VerificationCode, false));
        }

        return Result<TranscriptIssued>.Ok(new TranscriptIssued(fresh.Id, fresh.VerificationCode, true));
    }
}
