using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Certificates;

namespace TrainingHub.Core.Data.Configurations;

public sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Certificates_CompletionHasEnrolment", "\"Kind\" <> 'Completion' OR \"EnrolmentId\" IS NOT NULL");
            t.HasCheckConstraint("CK_Certificates_RevokedHasReason", "\"Status\" <> 'Revoked' OR (\"RevokedAt\" IS NOT NULL AND \"RevocationReason\" IS NOT NULL)");
            t.HasCheckConstraint("CK_Certificates_ParticipationHasOffering", "\"Kind\" <> 'Participation' OR \"OfferingId\" IS NOT NULL");
            t.HasCheckConstraint("CK_Certificates_SupersededHasSuccessor", "\"Status\" <> 'Superseded' OR \"SupersededById\" IS NOT NULL");
        });
        b.Property(c => c.VerificationCode).HasMaxLength(40).IsRequired();
        b.HasIndex(c => c.VerificationCode).IsUnique();
        // Exactly one valid certificate per completed enrolment.
        b.HasIndex(c => c.EnrolmentId).IsUnique().HasFilter("\"Status\" = 'Valid' AND \"EnrolmentId\" IS NOT NULL").HasDatabaseName("IX_Certificates_OneValidPerEnrolment");
        // One valid transcript per person and period.
        b.HasIndex(c => new { c.PersonId, c.PeriodFrom, c.PeriodTo }).IsUnique().HasFilter("\"Status\" = 'Valid' AND \"Kind\" = 'Transcript'").HasDatabaseName("IX_Certificates_OneValidTranscriptPerPeriod");
        // Exactly one valid participation certificate per person and session, and per person and series (whole-series rule).
        b.HasIndex(c => new { c.PersonId, c.SessionId }).IsUnique().HasFilter("\"Status\" = 'Valid' AND \"Kind\" = 'Participation' AND \"SessionId\" IS NOT NULL").HasDatabaseName("IX_Certificates_OneValidPerSession");
        b.HasIndex(c => new { c.PersonId, c.OfferingId }).IsUnique().HasFilter("\"Status\" = 'Valid' AND \"Kind\" = 'Participation' AND \"SessionId\" IS NULL").HasDatabaseName("IX_Certificates_OneValidPerSeries");
        b.HasIndex(c => c.PersonId);
        b.HasIndex(c => c.OfferingId);
        b.HasIndex(c => c.SessionId);
        b.Property(c => c.ContentHash).HasMaxLength(64);
        b.Property(c => c.SnapshotJson).IsRequired();
        b.Property(c => c.Language).HasMaxLength(8).IsRequired();
        b.Property(c => c.RevocationReason).HasMaxLength(1000);
        b.Property(c => c.ReviewKeptReason).HasMaxLength(1000);
        b.Property(c => c.ReviewKeptBy).HasMaxLength(200);
        b.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Enrolment).WithMany().HasForeignKey(c => c.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Offering).WithMany().HasForeignKey(c => c.OfferingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Session).WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.SupersededBy).WithMany().HasForeignKey(c => c.SupersededById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Document).WithOne().HasForeignKey<CertificateDocument>(d => d.CertificateId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CertificateSettingsConfiguration : IEntityTypeConfiguration<CertificateSettings>
{
    public void Configure(EntityTypeBuilder<CertificateSettings> b)
    {
        b.ToTable(t => t.HasCheckConstraint("CK_CertificateSettings_Validity", "\"ValidityMonths\" IS NULL OR \"ValidityMonths\" > 0"));
        b.HasKey(s => s.ProgrammeId);
        b.Property(s => s.Issuer).HasMaxLength(200).IsRequired();
        b.Property(s => s.IssuerCnpj).HasMaxLength(18);
        b.Property(s => s.Place).HasMaxLength(120).IsRequired();
        b.Property(s => s.Signatories).HasMaxLength(2000).IsRequired();
        b.HasOne(s => s.Programme).WithOne().HasForeignKey<CertificateSettings>(s => s.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CertificateDocumentConfiguration : IEntityTypeConfiguration<CertificateDocument>
{
    public void Configure(EntityTypeBuilder<CertificateDocument> b)
    {
        b.HasKey(d => d.CertificateId);
        b.Property(d => d.CertificateId).ValueGeneratedNever();
        b.Property(d => d.Content).IsRequired();
    }
}
