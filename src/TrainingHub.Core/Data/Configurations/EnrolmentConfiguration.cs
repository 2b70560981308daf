using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TrainingHub.Core.Data.Configurations;

public sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment.Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment.Enrolment> b)
    {
        b.ToTable("Enrolments", t =>
        {
            t.HasCheckConstraint("CK_Enrolments_WaitlistOnlyWhenWaitlisted", "(\"Status\" = 'Waitlisted' AND \"WaitlistPosition\" IS NOT NULL AND \"WaitlistPosition\" > 0) OR (\"Status\" <> 'Waitlisted' AND \"WaitlistPosition\" IS NULL)");
        });
        // No duplicate enrolment: one row per person and offering.
        b.HasIndex(e => new { e.OfferingId, e.PersonId }).IsUnique();
        // First come, first served: positions never collide.
        b.HasIndex(e => new { e.OfferingId, e.WaitlistPosition }).IsUnique().HasFilter("\"WaitlistPosition\" IS NOT NULL");
        b.HasIndex(e => new { e.PersonId, e.Status });
        b.HasIndex(e => new { e.OfferingId, e.Status });
        b.Property(e => e.DecidedByUserId).HasMaxLength(450);
        b.Property(e => e.DecisionReason).HasMaxLength(1000);
        b.Property(e => e.OutcomeReason).HasMaxLength(1000);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne(e => e.Offering).WithMany().HasForeignKey(e => e.OfferingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SessionRegistrationConfiguration : IEntityTypeConfiguration<Enrolment.SessionRegistration>
{
    public void Configure(EntityTypeBuilder<Enrolment.SessionRegistration> b)
    {
        b.ToTable("SessionRegistrations", t =>
        {
            t.HasCheckConstraint("CK_SessionRegistrations_WaitlistOnlyWhenWaitlisted", "(\"Status\" = 'Waitlisted' AND \"WaitlistPosition\" IS NOT NULL AND \"WaitlistPosition\" > 0) OR (\"Status\" <> 'Waitlisted' AND \"WaitlistPosition\" IS NULL)");
        });
        // One row per person and date.
        b.HasIndex(r => new { r.SessionId, r.PersonId }).IsUnique();
        b.HasIndex(r => new { r.SessionId, r.WaitlistPosition }).IsUnique().HasFilter("\"WaitlistPosition\" IS NOT NULL");
        b.HasIndex(r => r.EnrolmentId);
        b.HasIndex(r => r.PersonId);
        b.HasOne(r => r.Session).WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Enrolment).WithMany().HasForeignKey(r => r.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
