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
            t.HasCheckConstraint("CK_Certificates_SupersededHasSuccessor", "\"Status\" <> 'Superseded' OR \"SupersededById\" IS NOT NULL");
        });
        b.Property(c => c.VerificationCode).HasMaxLength(40).IsRequired();
        b.HasIndex(c => c.VerificationCode).IsUnique();
        // Exactly one valid certificate per completed enrolment.
        b.HasIndex(c => c.EnrolmentId).IsUnique().HasFilter("\"Status\" = 'Valid' AND \"EnrolmentId\" IS NOT NULL").HasDatabaseName("IX_Certificates_OneValidPerEnrolment");
        b.HasIndex(c => c.PersonId);
        b.Property(c => c.SnapshotJson).IsRequired();
        b.Property(c => c.Language).HasMaxLength(8).IsRequired();
        b.Property(c => c.RevocationReason).HasMaxLength(1000);
        b.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Enrolment).WithMany().HasForeignKey(c => c.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.SupersededBy).WithMany().HasForeignKey(c => c.SupersededById).OnDelete(DeleteBehavior.Restrict);
    }
}
