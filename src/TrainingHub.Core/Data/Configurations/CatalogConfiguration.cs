using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Catalog;

namespace TrainingHub.Core.Data.Configurations;

public sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.ToTable(t => t.HasCheckConstraint("CK_Programmes_Target", "\"TargetMinutes\" IS NULL OR \"TargetMinutes\" > 0"));
        b.Property(p => p.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(p => p.Code).IsUnique();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.Description).HasMaxLength(4000);
        b.HasOne(p => p.OwnerOrganization).WithMany().HasForeignKey(p => p.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ProgrammeMemberConfiguration : IEntityTypeConfiguration<ProgrammeMember>
{
    public void Configure(EntityTypeBuilder<ProgrammeMember> b)
    {
        b.HasKey(m => new { m.ProgrammeId, m.PersonId });
        b.HasOne(m => m.Programme).WithMany(p => p.Members).HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.PersonId);
    }
}

public sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Courses_Workload", "\"WorkloadMinutes\" > 0");
            t.HasCheckConstraint("CK_Courses_MinAttendance", "\"MinAttendancePercent\" BETWEEN 0 AND 100");
            t.HasCheckConstraint("CK_Courses_RequiredMinutes", "\"RequiredMinutes\" IS NULL OR \"RequiredMinutes\" >= 0");
        });
        b.Property(c => c.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Title).HasMaxLength(200).IsRequired();
        b.Property(c => c.Syllabus).HasMaxLength(8000).IsRequired();
        b.HasOne(c => c.Programme).WithMany().HasForeignKey(c => c.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OfferingConfiguration : IEntityTypeConfiguration<Offering>
{
    public void Configure(EntityTypeBuilder<Offering> b)
    {
        b.ToTable("Offerings", t =>
        {
            t.HasCheckConstraint("CK_Offerings_Seats", "\"Seats\" IS NULL OR \"Seats\" >= 0");
            t.HasCheckConstraint("CK_Offerings_ConfirmedWithinSeats", "\"ConfirmedCount\" >= 0 AND (\"Seats\" IS NULL OR \"ConfirmedCount\" <= \"Seats\")");
            t.HasCheckConstraint("CK_Offerings_Dates", "\"EndsOn\" >= \"StartsOn\"");
            t.HasCheckConstraint("CK_Offerings_Window", "\"EnrolmentOpensAt\" IS NULL OR \"EnrolmentClosesAt\" IS NULL OR \"EnrolmentClosesAt\" > \"EnrolmentOpensAt\"");
            t.HasCheckConstraint("CK_Offerings_ClassHasCourse", "\"Kind\" <> 'Class' OR \"CourseId\" IS NOT NULL");
        });
        b.HasDiscriminator<string>("Kind")
            .HasValue<CourseClass>("Class")
            .HasValue<WebinarSeries>("WebinarSeries");
        b.Property<string>("Kind").HasMaxLength(20);
        b.Property(o => o.Code).HasMaxLength(40).IsRequired();
        b.HasIndex(o => o.Code).IsUnique();
        b.Property(o => o.Title).HasMaxLength(200).IsRequired();
        b.Property(o => o.Place).HasMaxLength(300);
        b.Property(o => o.ConfirmedCount).IsConcurrencyToken();
        b.HasIndex(o => new { o.Status, o.StartsOn });
        b.HasOne(o => o.Programme).WithMany().HasForeignKey(o => o.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CourseClassConfiguration : IEntityTypeConfiguration<CourseClass>
{
    public void Configure(EntityTypeBuilder<CourseClass> b)
    {
        b.HasOne(c => c.Course).WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class WebinarSeriesConfiguration : IEntityTypeConfiguration<WebinarSeries>
{
    public void Configure(EntityTypeBuilder<WebinarSeries> b)
    {
        b.Property(w => w.Description).HasMaxLength(4000);
        b.Property(w => w.ChannelUrl).HasMaxLength(500);
        // Shares the offerings table with classes: rows of other kinds (and series from before) read as false.
        b.Property(w => w.RegistrationByDate).HasDefaultValue(false);
        b.Property(w => w.SeriesKind).HasDefaultValue(SeriesKind.Webinar).HasSentinel(SeriesKind.Webinar);
        b.Property(w => w.ParticipationRule).HasDefaultValue(ParticipationRule.None).HasSentinel(ParticipationRule.None);
    }
}

public sealed class OfferingInstructorConfiguration : IEntityTypeConfiguration<OfferingInstructor>
{
    public void Configure(EntityTypeBuilder<OfferingInstructor> b)
    {
        b.HasKey(i => new { i.OfferingId, i.PersonId });
        b.HasOne(i => i.Offering).WithMany(o => o.Instructors).HasForeignKey(i => i.OfferingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(i => i.Person).WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => i.PersonId);
    }
}

public sealed class EligibilityRuleConfiguration : IEntityTypeConfiguration<EligibilityRule>
{
    public void Configure(EntityTypeBuilder<EligibilityRule> b)
    {
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_EligibilityRules_OneTarget", "(\"OrganizationKind\" IS NULL AND \"OrganizationId\" IS NOT NULL) OR (\"OrganizationKind\" IS NOT NULL AND \"OrganizationId\" IS NULL)");
            t.HasCheckConstraint("CK_EligibilityRules_Quota", "\"SeatQuota\" IS NULL OR \"SeatQuota\" >= 0");
        });
        b.HasOne(r => r.Offering).WithMany(o => o.EligibilityRules).HasForeignKey(r => r.OfferingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Organization).WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.OfferingId, r.OrganizationId }).IsUnique().HasFilter("\"OrganizationId\" IS NOT NULL");
        b.HasIndex(r => new { r.OfferingId, r.OrganizationKind }).IsUnique().HasFilter("\"OrganizationKind\" IS NOT NULL");
    }
}

public sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Sessions_Credited", "\"CreditedMinutes\" > 0");
            t.HasCheckConstraint("CK_Sessions_Times", "\"EndsAt\" > \"StartsAt\"");
            t.HasCheckConstraint("CK_Sessions_Sequence", "\"Sequence\" >= 0");
            t.HasCheckConstraint("CK_Sessions_Seats", "\"Seats\" IS NULL OR (\"Seats\" > 0 AND \"RegisteredCount\" <= \"Seats\")");
            t.HasCheckConstraint("CK_Sessions_RegisteredCount", "\"RegisteredCount\" >= 0");
        });
        b.Property(s => s.Title).HasMaxLength(200).IsRequired();
        b.Property(s => s.Place).HasMaxLength(300);
        b.Property(s => s.StreamUrl).HasMaxLength(500);
        b.HasOne(s => s.Offering).WithMany(o => o.Sessions).HasForeignKey(s => s.OfferingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.OfferingId, s.StartsAt });
        b.HasIndex(s => s.StartsAt);
    }
}
