using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Reports;

namespace TrainingHub.Core.Data.Configurations;

public sealed class ReportSubscriptionConfiguration : IEntityTypeConfiguration<ReportSubscription>
{
    public void Configure(EntityTypeBuilder<ReportSubscription> b)
    {
        b.ToTable(t => t.HasCheckConstraint("CK_ReportSubscriptions_CancelledAfterCreated", "\"CancelledAt\" IS NULL OR \"CancelledAt\" >= \"CreatedAt\""));
        b.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        b.Property(s => s.Email).HasMaxLength(256).IsRequired();
        b.Property(s => s.Language).HasMaxLength(8).IsRequired();
        b.Property(s => s.FiltersJson).HasMaxLength(1000).IsRequired();
        b.HasIndex(s => new { s.UserId, s.CancelledAt });
        b.HasOne<Accounts.ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<People.Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(s => s.ScopeOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
