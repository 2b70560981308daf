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

public sealed class GuestCheckInAttemptConfiguration : IEntityTypeConfiguration<GuestCheckInAttempt>
{
    public void Configure(EntityTypeBuilder<GuestCheckInAttempt> b)
    {
        b.Property(a => a.CpfHash).HasMaxLength(64);
        b.Property(a => a.Address).HasMaxLength(45);
        b.HasIndex(a => new { a.Address, a.At });
        b.HasIndex(a => new { a.CpfHash, a.At });
        b.HasIndex(a => new { a.SessionId, a.At });
        b.HasOne<Catalog.Session>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AbsenceJustificationConfiguration : IEntityTypeConfiguration<AbsenceJustification>
{
    public void Configure(EntityTypeBuilder<AbsenceJustification> b)
    {
        // At most one justification under review per attendance row.
        b.HasIndex(j => j.AttendanceRecordId).IsUnique().HasFilter("\"Status\" = 'Pending'");
        b.HasIndex(j => new { j.Status, j.SubmittedAt });
        b.HasIndex(j => j.PersonId);
        b.HasIndex(j => j.SessionId);
        b.Property(j => j.Note).HasMaxLength(1000);
        b.Property(j => j.FileName).HasMaxLength(200);
        b.Property(j => j.ContentType).HasMaxLength(64);
        b.Property(j => j.DecidedByUserId).HasMaxLength(450);
        b.Property(j => j.DecisionReason).HasMaxLength(1000);
        b.HasOne(j => j.AttendanceRecord).WithMany().HasForeignKey(j => j.AttendanceRecordId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(j => j.Session).WithMany().HasForeignKey(j => j.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(j => j.Person).WithMany().HasForeignKey(j => j.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AbsenceDocumentConfiguration : IEntityTypeConfiguration<AbsenceDocument>
{
    public void Configure(EntityTypeBuilder<AbsenceDocument> b)
    {
        b.HasKey(d => d.JustificationId);
        b.Property(d => d.JustificationId).ValueGeneratedNever();
        b.HasOne(d => d.Justification).WithOne().HasForeignKey<AbsenceDocument>(d => d.JustificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AtRiskFlagConfiguration : IEntityTypeConfiguration<AtRiskFlag>
{
    public void Configure(EntityTypeBuilder<AtRiskFlag> b)
    {
        // One flag per enrolment and condition: raised again means the same row becomes active again.
        b.HasIndex(f => new { f.EnrolmentId, f.Condition }).IsUnique();
        b.HasIndex(f => new { f.OfferingId, f.ResolvedAt });
        b.HasIndex(f => new { f.ResolvedAt, f.RaisedAt });
        b.Property(f => f.Detail).HasMaxLength(200);
        b.HasOne(f => f.Enrolment).WithMany().HasForeignKey(f => f.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(f => f.Person).WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Catalog.Offering>().WithMany().HasForeignKey(f => f.OfferingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CreditedMonthConfiguration : IEntityTypeConfiguration<CreditedMonth>
{
    public void Configure(EntityTypeBuilder<CreditedMonth> b)
    {
        // Derived data, written only by the triggers: no foreign keys, so deleting a person or an offering after its
        // attendance rows is not blocked by rows the triggers remove as their counts reach zero.
        b.HasKey(c => new { c.PersonId, c.OfferingId, c.Month });
        // Whole-installation reports read a range of months; owned-offering scopes and offering filters read by offering.
        b.HasIndex(c => new { c.Month, c.PersonId });
        b.HasIndex(c => new { c.OfferingId, c.Month });
    }
}
