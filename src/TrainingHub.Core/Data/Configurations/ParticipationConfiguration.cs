using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Participation;

namespace TrainingHub.Core.Data.Configurations;

public sealed class ProgrammeParticipationConfiguration : IEntityTypeConfiguration<ProgrammeParticipation>
{
    public void Configure(EntityTypeBuilder<ProgrammeParticipation> b)
    {
        b.ToTable("ProgrammeParticipations", t =>
        {
            t.HasCheckConstraint("CK_ProgrammeParticipations_Stage", "\"Stage\" IS NULL OR (\"Stage\" >= 1 AND \"Stage\" <= 99)");
            t.HasCheckConstraint("CK_ProgrammeParticipations_Agreement", "\"AgreementValidUntil\" IS NULL OR \"AgreementSignedOn\" IS NULL OR \"AgreementValidUntil\" >= \"AgreementSignedOn\"");
        });
        b.HasIndex(p => new { p.ProgrammeId, p.OrganizationId }).IsUnique();
        b.HasIndex(p => new { p.ProgrammeId, p.Status });
        b.HasIndex(p => p.OrganizationId);
        b.Property(p => p.AgreementNumber).HasMaxLength(60);
        b.Property(p => p.AgreementUrl).HasMaxLength(500);
        b.Property(p => p.Notes).HasMaxLength(2000);
        b.HasOne(p => p.Programme).WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Organization).WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ParticipationFocalPointConfiguration : IEntityTypeConfiguration<ParticipationFocalPoint>
{
    public void Configure(EntityTypeBuilder<ParticipationFocalPoint> b)
    {
        b.HasKey(f => new { f.ParticipationId, f.PersonId });
        b.HasOne(f => f.Participation).WithMany(p => p.FocalPoints).HasForeignKey(f => f.ParticipationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(f => f.Person).WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(f => f.PersonId);
    }
}

public sealed class ParticipationChangeConfiguration : IEntityTypeConfiguration<ParticipationChange>
{
    public void Configure(EntityTypeBuilder<ParticipationChange> b)
    {
        b.ToTable("ParticipationChanges", t => t.HasCheckConstraint("CK_ParticipationChanges_Stage", "\"Stage\" IS NULL OR (\"Stage\" >= 1 AND \"Stage\" <= 99)"));
        b.HasIndex(c => new { c.ParticipationId, c.EffectiveOn });
        b.Property(c => c.RecordedBy).HasMaxLength(450);
        b.HasOne(c => c.Participation).WithMany(p => p.History).HasForeignKey(c => c.ParticipationId).OnDelete(DeleteBehavior.Cascade);
    }
}
