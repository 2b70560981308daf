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

public sealed class OutboxAttemptConfiguration : IEntityTypeConfiguration<OutboxAttempt>
{
    public void Configure(EntityTypeBuilder<OutboxAttempt> b)
    {
        b.ToTable(t => t.HasCheckConstraint("CK_OutboxAttempts_Attempt", "\"Attempt\" >= 1"));
        b.Property(a => a.Instance).HasMaxLength(100).IsRequired();
        b.Property(a => a.Error).HasMaxLength(2000);
        // Not unique: an administrator's retry starts the attempt count again.
        b.HasIndex(a => new { a.OutboxMessageId, a.Id });
        b.HasIndex(a => a.At);
        b.HasOne<OutboxMessage>().WithMany().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
