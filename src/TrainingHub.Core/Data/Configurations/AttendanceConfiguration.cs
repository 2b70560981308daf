using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Attendance;

namespace TrainingHub.Core.Data.Configurations;

public sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> b)
    {
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_AttendanceRecords_Minutes", "\"Minutes\" IS NULL OR \"Minutes\" >= 0");
            t.HasCheckConstraint("CK_AttendanceRecords_PartialHasMinutes", "\"Status\" <> 'Partial' OR \"Minutes\" IS NOT NULL");
        });
        // One attendance row per person and session.
        b.HasIndex(a => new { a.SessionId, a.PersonId }).IsUnique();
        b.HasIndex(a => a.PersonId);
        b.Property(a => a.RecordedByUserId).HasMaxLength(450);
        b.Property(a => a.Note).HasMaxLength(1000);
        b.HasOne(a => a.Session).WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
