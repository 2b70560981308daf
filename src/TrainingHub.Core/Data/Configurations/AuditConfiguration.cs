using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Audit;

namespace TrainingHub.Core.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable(t => t.HasCheckConstraint("CK_AuditEntries_Sequence", "\"Sequence\" > 0"));
        b.HasIndex(a => a.Sequence).IsUnique();
        b.HasIndex(a => a.PreviousHash).IsUnique();
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.OccurredAt);
        b.HasIndex(a => a.OrganizationId);
        b.Property(a => a.ActorUserId).HasMaxLength(450);
        b.Property(a => a.ActorName).HasMaxLength(200).IsRequired();
        b.Property(a => a.Action).HasMaxLength(40).IsRequired();
        b.Property(a => a.EntityType).HasMaxLength(80).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
        b.Property(a => a.Reason).HasMaxLength(1000);
        b.Property(a => a.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(a => a.Hash).HasMaxLength(64).IsFixedLength();
    }
}

public sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.ToTable("AuditChainHead", t => t.HasCheckConstraint("CK_AuditChainHead_Single", "\"Id\" = 1"));
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.LastHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(h => h.VerifiedProblem).HasMaxLength(20);
        b.HasData(new AuditChainHead { Id = 1, LastSequence = 0, LastHash = AuditChain.Genesis });
    }
}
