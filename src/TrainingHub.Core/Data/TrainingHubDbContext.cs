using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Imports;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.Participation;
using TrainingHub.Core.People;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Core.Data;

public class TrainingHubDbContext(DbContextOptions<TrainingHubDbContext> options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Calendars.CalendarFeed> CalendarFeeds => Set<Calendars.CalendarFeed>();
    public DbSet<RegistrationRequest> RegistrationRequests => Set<RegistrationRequest>();
    /// <summary>ASP.NET Core data-protection keys, shared by every app instance (cookies, antiforgery and unsubscribe tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ProgrammeMember> ProgrammeMembers => Set<ProgrammeMember>();
    public DbSet<ProgrammeParticipation> ProgrammeParticipations => Set<ProgrammeParticipation>();
    public DbSet<ParticipationFocalPoint> ParticipationFocalPoints => Set<ParticipationFocalPoint>();
    public DbSet<ParticipationChange> ParticipationChanges => Set<ParticipationChange>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Offering> Offerings => Set<Offering>();
    public DbSet<CourseClass> Classes => Set<CourseClass>();
    public DbSet<WebinarSeries> WebinarSeries => Set<WebinarSeries>();
    public DbSet<OfferingInstructor> OfferingInstructors => Set<OfferingInstructor>();
    public DbSet<EligibilityRule> EligibilityRules => Set<EligibilityRule>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Enrolment.Enrolment> Enrolments => Set<Enrolment.Enrolment>();
    public DbSet<Enrolment.SessionRegistration> SessionRegistrations => Set<Enrolment.SessionRegistration>();
    public DbSet<AttendanceRecord> AttendanceRecords => Set<AttendanceRecord>();
    public DbSet<CreditedMonth> CreditedMonths => Set<CreditedMonth>();
    public DbSet<CheckInWindow> CheckInWindows => Set<CheckInWindow>();
    public DbSet<CheckInFailure> CheckInFailures => Set<CheckInFailure>();
    public DbSet<GuestCheckInAttempt> GuestCheckInAttempts => Set<GuestCheckInAttempt>();
    public DbSet<AbsenceJustification> AbsenceJustifications => Set<AbsenceJustification>();
    public DbSet<AbsenceDocument> AbsenceDocuments => Set<AbsenceDocument>();
    public DbSet<AtRiskFlag> AtRiskFlags => Set<AtRiskFlag>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificateSettings> CertificateSettings => Set<CertificateSettings>();
    public DbSet<CertificateDocument> CertificateDocuments => Set<CertificateDocument>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<OutboxAttempt> OutboxAttempts => Set<OutboxAttempt>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<Reports.ReportSubscription> ReportSubscriptions => Set<Reports.ReportSubscription>();
    public DbSet<Questionnaire> Questionnaires => Set<Questionnaire>();
    public DbSet<QuestionnaireVersion> QuestionnaireVersions => Set<QuestionnaireVersion>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    public DbSet<ProgrammeEvaluation> ProgrammeEvaluations => Set<ProgrammeEvaluation>();
    public DbSet<SurveyOrganization> SurveyOrganizations => Set<SurveyOrganization>();
    public DbSet<NeedsTopicLink> NeedsTopicLinks => Set<NeedsTopicLink>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        FillNameKeys();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        FillNameKeys();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>Derived sort/search keys are never set by hand: they follow the names they fold.</summary>
    private void FillNameKeys()
    {
        foreach (var e in ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            switch (e.Entity)
            {
                case Person p when p.NameKey != Common.NameKey.For(p.FullName):
                    p.NameKey = Common.NameKey.For(p.FullName);
                    break;
                case Organization o when o.NameKey != Common.NameKey.For(o.Name):
                    o.NameKey = Common.NameKey.For(o.Name);
                    break;
            }
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TrainingHubDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    /// <summary>All instants are UTC: SQLite hands back Kind=Unspecified, Npgsql insists on Kind=Utc.</summary>
    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
