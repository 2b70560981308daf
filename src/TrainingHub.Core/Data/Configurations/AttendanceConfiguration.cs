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

public sealed class CheckInWindowConfiguration : IEntityTypeConfiguration<CheckInWindow>
{
    public void Configure(EntityTypeBuilder<CheckInWindow> b)
    {
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_CheckInWindows_Period", "\"ClosesAt\" >= \"OpensAt\"");
            t.HasCheckConstraint("CK_CheckInWindows_CodeSeconds", "\"CodeSeconds\" > 0");
        });
        b.HasIndex(w => new { w.SessionId, w.ClosesAt });
        b.HasIndex(w => w.ClosesAt);
        b.Property(w => w.Secret).HasMaxLength(64);
        b.Property(w => w.OpenedByUserId).HasMaxLength(450);
        b.Property(w => w.ClosedByUserId).HasMaxLength(450);
        b.HasOne(w => w.Session).WithMany().HasForeignKey(w => w.SessionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CheckInFailureConfiguration : IEntityTypeConfiguration<CheckInFailure>
{
    public void Configure(EntityTypeBuilder<CheckInFailure> b)
    {
        b.HasIndex(f => new { f.PersonId, f.At });
        b.HasOne<People.Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
