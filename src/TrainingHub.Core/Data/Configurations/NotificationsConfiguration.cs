using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable(t => t.HasCheckConstraint("CK_OutboxMessages_Attempts", "\"Attempts\" >= 0"));
        b.Property(m => m.IdempotencyKey).HasMaxLength(200).IsRequired();
        // One email per reminder key, whatever retries or instances do.
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.HasIndex(m => new { m.Status, m.NextAttemptAt });
        b.Property(m => m.MessageType).HasMaxLength(80).IsRequired();
        b.Property(m => m.ToAddress).HasMaxLength(254).IsRequired();
        b.Property(m => m.Language).HasMaxLength(8).IsRequired();
        b.Property(m => m.PayloadJson).IsRequired();
        b.Property(m => m.LockedBy).HasMaxLength(100);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.HasOne<People.Person>().WithMany().HasForeignKey(m => m.RecipientPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
