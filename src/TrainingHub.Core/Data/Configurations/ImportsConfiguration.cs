using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Imports;

namespace TrainingHub.Core.Data.Configurations;

public sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.FileName).HasMaxLength(260).IsRequired();
        b.Property(r => r.Content).IsRequired();
        b.Property(r => r.UserId).HasMaxLength(450).IsRequired();
        b.Property(r => r.UserName).HasMaxLength(256).IsRequired();
        b.Property(r => r.OrganizationPath).HasMaxLength(400);
        b.Property(r => r.Error).HasMaxLength(2000);
        b.HasIndex(r => new { r.UserId, r.CreatedAt });
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
