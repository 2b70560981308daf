using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Core.Data.Configurations;

public sealed class QuestionnaireConfiguration : IEntityTypeConfiguration<Questionnaire>
{
    public void Configure(EntityTypeBuilder<Questionnaire> b)
    {
        b.Property(q => q.Title).HasMaxLength(200);
        b.HasIndex(q => q.OwnerOrganizationId);
        b.HasOne(q => q.OwnerOrganization).WithMany().HasForeignKey(q => q.OwnerOrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    public void Configure(EntityTypeBuilder<QuestionnaireVersion> b)
    {
        b.HasIndex(v => new { v.QuestionnaireId, v.Number }).IsUnique();
        b.HasOne(v => v.Questionnaire).WithMany(q => q.Versions).HasForeignKey(v => v.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> b)
    {
        b.HasIndex(q => new { q.VersionId, q.Position }).IsUnique();
        b.Property(q => q.TextPt).HasMaxLength(500);
        b.Property(q => q.TextEn).HasMaxLength(500);
        b.Property(q => q.SectionPt).HasMaxLength(200);
        b.Property(q => q.SectionEn).HasMaxLength(200);
        b.Property(q => q.OptionsPt).HasMaxLength(4000);
        b.Property(q => q.OptionsEn).HasMaxLength(4000);
        b.HasOne(q => q.Version).WithMany(v => v.Questions).HasForeignKey(q => q.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        // One survey per class, series session or programme cycle.
        b.Property(s => s.Key).HasMaxLength(64);
        b.HasIndex(s => s.Key).IsUnique();
        b.HasIndex(s => s.OfferingId);
        b.HasIndex(s => s.ProgrammeId);
        b.HasOne(s => s.Questionnaire).WithMany().HasForeignKey(s => s.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Programme).WithMany().HasForeignKey(s => s.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Offering).WithMany().HasForeignKey(s => s.OfferingId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Session).WithMany().HasForeignKey(s => s.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Cycle).HasMaxLength(20);
        b.Property(s => s.Audience).HasConversion<string>().HasMaxLength(20);
    }
}

public sealed class SurveyOrganizationConfiguration : IEntityTypeConfiguration<SurveyOrganization>
{
    public void Configure(EntityTypeBuilder<SurveyOrganization> b)
    {
        b.HasKey(x => new { x.SurveyId, x.OrganizationId });
        b.HasIndex(x => x.OrganizationId);
        b.HasOne(x => x.Survey).WithMany(s => s.Organizations).HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NeedsTopicLinkConfiguration : IEntityTypeConfiguration<NeedsTopicLink>
{
    public void Configure(EntityTypeBuilder<NeedsTopicLink> b)
    {
        // A topic is linked to a course or to a class, never both (LinkNeedsTopic links each at most once).
        b.ToTable(t => t.HasCheckConstraint("CK_NeedsTopicLinks_Target",
            "(\"CourseId\" IS NULL AND \"OfferingId\" IS NOT NULL) OR (\"CourseId\" IS NOT NULL AND \"OfferingId\" IS NULL)"));
        b.HasIndex(x => new { x.SurveyId, x.QuestionId, x.Topic });
        b.HasIndex(x => x.CourseId);
        b.HasIndex(x => x.OfferingId);
        b.HasOne(x => x.Survey).WithMany().HasForeignKey(x => x.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Question).WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Course).WithMany().HasForeignKey(x => x.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Offering).WithMany().HasForeignKey(x => x.OfferingId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> b)
    {
        // A person answers a survey once; answering again changes the same row.
        b.HasIndex(r => new { r.SurveyId, r.PersonId }).IsUnique();
        b.HasIndex(r => r.PersonId);
        b.HasOne(r => r.Survey).WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Version).WithMany().HasForeignKey(r => r.VersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organizations.Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.HasIndex(a => new { a.ResponseId, a.QuestionId }).IsUnique();
        b.HasIndex(a => a.QuestionId);
        b.Property(a => a.Value).HasMaxLength(4000);
        b.HasOne(a => a.Response).WithMany(r => r.Answers).HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.Question).WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ProgrammeEvaluationConfiguration : IEntityTypeConfiguration<ProgrammeEvaluation>
{
    public void Configure(EntityTypeBuilder<ProgrammeEvaluation> b)
    {
        b.HasKey(e => e.ProgrammeId);
        b.Property(e => e.ProgrammeId).ValueGeneratedNever();
        b.ToTable(t => t.HasCheckConstraint("CK_ProgrammeEvaluations_DaysOpen", "\"DaysOpen\" > 0"));
        b.HasOne(e => e.Programme).WithOne().HasForeignKey<ProgrammeEvaluation>(e => e.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Questionnaire).WithMany().HasForeignKey(e => e.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
    }
}
