using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Core.Data.Configurations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Name).HasMaxLength(200).IsRequired();
        b.Property(o => o.Acronym).HasMaxLength(40);
        b.Property(o => o.IbgeCode).HasMaxLength(7).IsFixedLength();
        b.Property(o => o.State).HasMaxLength(2).IsFixedLength();
        b.Property(o => o.Cnpj).HasMaxLength(14).IsFixedLength();
        b.Property(o => o.Path).HasMaxLength(400).IsRequired();
        b.HasIndex(o => o.IbgeCode).IsUnique().HasFilter("\"IbgeCode\" IS NOT NULL AND \"Kind\" = 'CityHall'");
        b.HasIndex(o => o.Path);
        b.Property(o => o.NameKey).HasMaxLength(Common.NameKey.MaxLength).IsRequired();
        b.HasIndex(o => o.NameKey);
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Organizations_ParentNotSelf", "\"ParentId\" IS NULL OR \"ParentId\" <> \"Id\""));
    }
}
