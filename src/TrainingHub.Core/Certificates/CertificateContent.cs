using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Certificates.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Certificates;

/// <summary>What a completion certificate needs from the database, read in one query for a whole batch.</summary>
public sealed record CertificateSource(
    int EnrolmentId, int PersonId, string FullName, string Cpf, string Email, string Language,
    string CourseTitle, string OfferingCode, string? Programme, int WorkloadMinutes, DateOnly StartsOn, DateOnly EndsOn,
    Modality Modality, string Syllabus, string? SettingsIssuer, string? SettingsCnpj, string? SettingsPlace, string? SettingsSignatories,
    int? ValidityMonths, string? OwnerName, string? OwnerCnpj);

/// <summary>Builds the snapshot of a completion certificate from the current records (issue and reissue share it).</summary>
public static class CertificateContent
{
    /// <summary>Completed class enrolments in id order, projected to what their certificate states.</summary>
    public static IQueryable<CertificateSource> Sources(TrainingHubDbContext db, IQueryable<Enrolment.Enrolment> enrolments)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from e in enrolments
               where e.Status == EnrolmentStatus.Completed
               join o in db.Offerings.OfType<CourseClass>() on e.OfferingId equals o.Id
               join s in db.CertificateSettings on o.ProgrammeId equals (int?)s.ProgrammeId into settings
               from s in settings.DefaultIfEmpty()
               orderby e.Id
               select new CertificateSource(
                   e.Id, e.PersonId, e.Person!.FullName, e.Person.Cpf, e.Person.Email, e.Person.PreferredLanguage,
                   o.Course!.Title, o.Code, o.Programme != null ? o.Programme.Name : null, o.Course.WorkloadMinutes, o.StartsOn, o.EndsOn,
                   o.Course.Modality, o.Course.Syllabus,
                   s != null ? s.Issuer : null, s != null ? s.IssuerCnpj : null, s != null ? s.Place : null, s != null ? s.Signatories : null,
                   s != null ? s.ValidityMonths : null,
                   o.Programme != null ? o.Programme.OwnerOrganization!.Name : null,
                   o.Programme != null ? o.Programme.OwnerOrganization!.Cnpj : null);
    }

    public static CertificateSnapshot Snapshot(CertificateSource src, IssueSettings settings, string code, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(settings);
        var issuedAt = new DateTime(nowUtc.Ticks - (nowUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var issuedOn = DateOnly.FromDateTime(SaoPaulo.ToLocal(issuedAt));
        var hasOwn = src.SettingsIssuer is not null;
        return new CertificateSnapshot
        {
            Kind = nameof(CertificateKind.Completion),
            Language = Languages.IsSupported(src.Language) ? src.Language : Languages.Portuguese,
            HolderName = src.FullName,
            HolderCpfMasked = Cpf.Mask(src.Cpf),
            CourseTitle = src.CourseTitle,
            OfferingCode = src.OfferingCode,
            Programme = src.Programme,
            WorkloadMinutes = src.WorkloadMinutes,
            StartsOn = src.StartsOn,
            EndsOn = src.EndsOn,
            Modality = src.Modality.ToString(),
            Syllabus = src.Syllabus,
            Issuer = hasOwn ? src.SettingsIssuer! : src.OwnerName ?? settings.Issuer,
            IssuerCnpj = (hasOwn ? src.SettingsCnpj : src.OwnerName is not null ? src.OwnerCnpj : settings.IssuerCnpj) is { Length: > 0 } cnpj ? Cnpj.Format(cnpj) : null,
            Place = src.SettingsPlace ?? settings.Place,
            Signatories = CertificateSettings.ParseSignatories(hasOwn ? src.SettingsSignatories : settings.Signatories),
            IssuedOn = issuedOn,
            IssuedAt = issuedAt,
            VerificationCode = code,
            VerificationUrl = CertificateSnapshot.UrlFor(settings.PublicUrl, code),
            ValidUntil = src.ValidityMonths is { } months ? issuedOn.AddMonths(months) : null,
        };
    }

    /// <summary>A new valid certificate row for a snapshot, with its PDF rendered from that snapshot (once: every download and email serves these bytes).</summary>
    public static Certificate NewCertificate(CertificateSnapshot s, int personId, int? enrolmentId)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new Certificate
        {
            Kind = Enum.Parse<CertificateKind>(s.Kind),
            PersonId = personId,
            EnrolmentId = enrolmentId,
            VerificationCode = s.VerificationCode,
            Status = CertificateStatus.Valid,
            SnapshotJson = s.ToJson(),
            Language = s.Language,
            IssuedAt = s.IssuedAt,
            ValidUntil = s.ValidUntil is { } until ? SaoPaulo.ToUtc(until.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null,
            PeriodFrom = s.PeriodFrom,
            PeriodTo = s.PeriodTo,
            ContentHash = s.ContentHash(),
            Document = new CertificateDocument { Content = CertificateRenderer.Render(s) },
        };
    }

    /// <summary>Queues the "CertificateIssued" email with the PDF attached by reference (the stored document, read at send time).</summary>
    public static void QueueEmail(TrainingHubDbContext db, CertificateSource src, CertificateSnapshot s, bool reissue, DateTime now) =>
        Notifications.Outbox.Add(db, src.PersonId, src.Email, s.Language, $"{nameof(CertificateIssued)}:{s.VerificationCode}",
            new CertificateIssued(s.HolderName, s.CourseTitle, s.OfferingCode, s.WorkloadMinutes, s.StartsOn, s.EndsOn, s.VerificationCode, s.VerificationUrl, reissue,
                s.Kind == nameof(CertificateKind.Participation)), now);
}

public static class AttachmentKinds
{
    public const string Certificate = "certificate";
    public const string Transcript = "transcript";
}
