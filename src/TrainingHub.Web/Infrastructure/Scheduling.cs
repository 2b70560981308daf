using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Quartz;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Reports;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Every scheduled job and its schedule, in one place. Quartz keeps its state in the application database (QRTZ_
/// tables, created by Quartz itself): clustered on PostgreSQL, so several app instances share the work and a job
/// never runs twice at once; a single node on SQLite, which cannot cluster. Each schedule is configurable:
/// <c>Jobs:&lt;Name&gt;:Cron</c> (Quartz cron, seconds first, São Paulo time) or <c>Jobs:&lt;Name&gt;:IntervalSeconds</c>.
/// The outbox dispatcher is the exception: every instance runs its own loop (<see cref="OutboxDispatcherService"/>,
/// <c>Jobs:DispatchOutbox:IntervalSeconds</c>), because its claims let instances share the rows safely and so the
/// sending scales with instances. <c>Jobs:Enabled=false</c> leaves both out (tests drive the use cases directly).
/// </summary>
public static class Scheduling
{
    /// <summary>The Quartz jobs: name, type, default interval in seconds (or null) and default cron (or null).</summary>
    public static readonly IReadOnlyList<(string Name, Type Job, int? DefaultSeconds, string? DefaultCron)> Jobs =
    [
        (ExpireSeatOffersJob.Name, typeof(ExpireSeatOffersJob), 60, null),
        (IssueCertificatesJob.Name, typeof(IssueCertificatesJob), 120, null),
        (SessionRemindersJob.Name, typeof(SessionRemindersJob), 300, null),
        // 1st of the month, 07:00 São Paulo; the monthly digest at 09:00; the managers' digest on working days at 08:00.
        (MonthlyProgrammesJob.Name, typeof(MonthlyProgrammesJob), null, "0 0 7 1 * ?"),
        (ProgressDigestsJob.Name, typeof(ProgressDigestsJob), null, "0 0 9 1 * ?"),
        (ApprovalDigestsJob.Name, typeof(ApprovalDigestsJob), null, "0 0 8 ? * MON-FRI"),
        // 1st of the month, 06:00 São Paulo: the subscribed reports of the month before.
        (MonthlyReportsJob.Name, typeof(MonthlyReportsJob), null, "0 0 6 1 * ?"),
    ];

    public const int DefaultDispatchSeconds = 30;

    public static void AddScheduling(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var config = builder.Configuration;
        if (config["Jobs:InstanceId"] is { Length: > 0 } instance)
        {
            InstanceId = instance;
        }

        services.Configure<SmtpOptions>(config.GetSection("Smtp"));
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<IUnsubscribeTokens, UnsubscribeTokens>();
        services.AddSingleton(IssueSettings.From(config));
        services.AddSingleton(TrainingHub.Core.People.PrivacySettings.From(config));
        services.AddSingleton<IOutboxAttachmentSource>(new CertificateAttachmentSource(AttachmentKinds.Certificate));
        services.AddSingleton<IOutboxAttachmentSource>(new CertificateAttachmentSource(AttachmentKinds.Transcript));
        services.AddSingleton<IOutboxAttachmentSource>(sp => new ReportAttachmentSource(sp.GetRequiredService<TimeProvider>(),
            Translators.For(sp.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource)))));
        services.AddSingleton(sp => DispatchSettingsFrom(config, sp.GetRequiredService<IOptions<SmtpOptions>>().Value) with
        {
            Unsubscribe = sp.GetRequiredService<IUnsubscribeTokens>(),
            AttachmentSources = [.. sp.GetServices<IOutboxAttachmentSource>()],
        });
        var enabled = config.GetValue("Jobs:Enabled", true);
        services.AddSingleton(new SchedulerState(enabled));
        services.AddSingleton<JobResults>();
        if (!enabled)
        {
            return;
        }

        services.AddHostedService<OutboxDispatcherService>();
        var database = DatabaseOptions.From(config, builder.Environment.ContentRootPath);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "TrainingHub";
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(s =>
            {
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    s.UsePostgres(database.ConnectionString!);
                    s.UseClustering(_ => { });
                }
                else
                {
                    s.UseSqlite(database.ConnectionString!);
                }

                s.UseSystemTextJsonSerializer(_ => { });
                s.ProvisionSchema();
            });
            Schedule<ExpireSeatOffersJob>(q, config, ExpireSeatOffersJob.Name);
            Schedule<IssueCertificatesJob>(q, config, IssueCertificatesJob.Name);
            Schedule<SessionRemindersJob>(q, config, SessionRemindersJob.Name);
            Schedule<MonthlyProgrammesJob>(q, config, MonthlyProgrammesJob.Name);
            Schedule<ProgressDigestsJob>(q, config, ProgressDigestsJob.Name);
            Schedule<ApprovalDigestsJob>(q, config, ApprovalDigestsJob.Name);
            Schedule<MonthlyReportsJob>(q, config, MonthlyReportsJob.Name);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>The configured cron of a job (its own, else its default), or null for an interval schedule.</summary>
    public static string? CronOf(IConfiguration config, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        var job = Jobs.Single(j => j.Name == name);
        var cron = config[$"Jobs:{name}:Cron"];
        if (!string.IsNullOrWhiteSpace(cron))
        {
            return cron;
        }

        return config[$"Jobs:{name}:IntervalSeconds"] is null ? job.DefaultCron : null;
    }

    private static void Schedule<TJob>(IQuartzBuilder q, IConfiguration config, string name)
        where TJob : IJob
    {
        var cron = CronOf(config, name);
        var seconds = config.GetValue($"Jobs:{name}:IntervalSeconds", Jobs.Single(j => j.Name == name).DefaultSeconds ?? 3600);
        q.ScheduleJob<TJob>(
            t =>
            {
                t.WithIdentity(name + ".trigger");
                if (!string.IsNullOrWhiteSpace(cron))
                {
                    // Every job is idempotent: one missed while no instance ran (a deploy on the 1st) runs once when one starts.
                    t.WithCronSchedule(cron, c => c.InTimeZone(TrainingHub.Core.Common.SaoPaulo.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));
                }
                else
                {
                    t.StartNow().WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(Math.Max(1, seconds))).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount));
                }
            },
            j => j.WithIdentity(name).DisallowConcurrentExecution(true).PersistJobDataAfterExecution(true));
    }

    public static DispatchSettings DispatchSettingsFrom(IConfiguration config, SmtpOptions smtp)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(smtp);
        var from = smtp.From;
        var domain = from.Contains('@', StringComparison.Ordinal) ? from[(from.LastIndexOf('@') + 1)..] : "traininghub.local";
        return new DispatchSettings(
            MaxAttempts: Math.Max(1, smtp.MaxAttempts),
            BatchSize: config.GetValue("Outbox:BatchSize", 50),
            LeaseSeconds: config.GetValue("Outbox:LeaseSeconds", 300),
            MaxBackoffMinutes: config.GetValue("Outbox:MaxBackoffMinutes", 240),
            PublicUrl: config["App:PublicUrl"],
            MessageIdDomain: domain,
            CalendarOrganizer: from.Contains('@', StringComparison.Ordinal) ? from : null,
            CalendarOrganizerName: smtp.FromName);
    }

    /// <summary>This process's name in outbox leases and history (<c>Jobs:InstanceId</c>, else machine and process id).</summary>
    public static string InstanceId { get; private set; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}

/// <summary>Whether the scheduler runs in this process (the administration page says so when it does not).</summary>
public sealed record SchedulerState(bool Enabled);

/// <summary>
/// The outcome of each job's last run: in this process's memory, and (for Quartz jobs) in the job's data in the Quartz
/// store, so the administration page of any instance shows the last result whichever instance ran it.
/// </summary>
public sealed class JobResults
{
    public const string AtKey = "lastResultAt";
    public const string OkKey = "lastResultOk";
    public const string TextKey = "lastResult";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime At, bool Ok, string Text)> last = new(StringComparer.Ordinal);

    public void Record(string job, DateTime at, bool ok, string text) => last[job] = (at, ok, text);

    public (DateTime At, bool Ok, string Text)? For(string job) => last.TryGetValue(job, out var r) ? r : null;

    /// <summary>Runs a job's work and records how it ended; failures are recorded and rethrown for Quartz to log.</summary>
    public async Task RunAsync(string job, TimeProvider time, Func<Task<string>> work, IJobExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            var text = await work();
            Save(job, time.GetUtcNow().UtcDateTime, true, text, context);
        }
        catch (Exception ex)
        {
            Save(job, time.GetUtcNow().UtcDateTime, false, ex.GetType().Name + ": " + ex.Message, context);
            throw;
        }
    }

    private void Save(string job, DateTime at, bool ok, string text, IJobExecutionContext? context)
    {
        Record(job, at, ok, text);
        if (context is not null)
        {
            var data = context.JobDetail.JobDataMap;
            data[AtKey] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            data[OkKey] = ok ? "true" : "false";
            data[TextKey] = text.Length <= 500 ? text : text[..500];
        }
    }
}

/// <summary>
/// This instance's outbox dispatcher: every <c>Jobs:DispatchOutbox:IntervalSeconds</c> it sends due rows (see
/// <see cref="DispatchOutbox"/>), batch after batch while there are any. Each instance runs one; their conditional
/// claims keep any row from being sent by two.
/// </summary>
public sealed class OutboxDispatcherService(IServiceScopeFactory scopes, IConfiguration config, TimeProvider time, JobResults results, ILogger<OutboxDispatcherService> log) : BackgroundService
{
    public const string Name = "DispatchOutbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(100, config.GetValue("Jobs:DispatchOutbox:IntervalSeconds", (double)Scheduling.DefaultDispatchSeconds) * 1000));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await results.RunAsync(Name, time, async () =>
                {
                    int sent = 0, retried = 0, dead = 0, cancelled = 0;
                    DispatchOutcome outcome;
                    do
                    {
                        await using var scope = scopes.CreateAsyncScope();
                        var sp = scope.ServiceProvider;
                        outcome = await DispatchOutbox.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<IEmailSender>(), time,
                            sp.GetRequiredService<DispatchSettings>(), Scheduling.InstanceId, stoppingToken);
                        (sent, retried, dead, cancelled) = (sent + outcome.Sent, retried + outcome.Retried, dead + outcome.DeadLettered, cancelled + outcome.Cancelled);
                    }
                    while (outcome.Sent > 0 && outcome.Retried == 0 && !stoppingToken.IsCancellationRequested);

                    if (sent + retried + dead + cancelled > 0)
                    {
                        log.LogInformation("Outbox: {Sent} sent, {Retried} to retry, {Dead} dead-lettered, {Cancelled} cancelled", sent, retried, dead, cancelled);
                    }

                    return $"{sent} sent, {retried} retry, {dead} dead letter, {cancelled} cancelled";
                });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Outbox dispatch failed; trying again in {Interval}", interval);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}

/// <summary>Lapses expired seat offers and passes the seats on (see <see cref="ExpireSeatOffers"/>).</summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class ExpireSeatOffersJob(TrainingHubDbContext db, TimeProvider time, IOptions<EnrolmentOptions> options, JobResults results, ILogger<ExpireSeatOffersJob> log) : IJob
{
    public const string Name = "ExpireSeatOffers";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await results.RunAsync(Name, time, async () =>
        {
            var expired = await ExpireSeatOffers.HandleAsync(db, time, options, cancellationToken);
            if (expired > 0)
            {
                log.LogInformation("{Count} seat offer(s) expired and passed on", expired);
            }

            return $"{expired} expired";
        }, context);
    }
}

/// <summary>Issues the certificates of completed enrolments that have none, in batches, exactly once (see <see cref="IssueCertificates"/>).</summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class IssueCertificatesJob(TrainingHubDbContext db, TimeProvider time, IssueSettings settings, JobResults results, ILogger<IssueCertificatesJob> log) : IJob
{
    public const string Name = "IssueCertificates";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await results.RunAsync(Name, time, async () =>
        {
            var outcome = await IssueCertificates.HandleAsync(db, time, settings, offeringId: null, cancellationToken);
            if (outcome.Issued > 0)
            {
                log.LogInformation("{Count} certificate(s) issued in {Batches} batch(es), {Conflicts} conflict(s) with another writer", outcome.Issued, outcome.Batches, outcome.Conflicts);
            }

            return $"{outcome.Issued} issued";
        }, context);
    }
}

/// <summary>Queues the session reminders that are due (see <see cref="QueueSessionReminders"/>).</summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class SessionRemindersJob(TrainingHubDbContext db, TimeProvider time, JobResults results) : IJob
{
    public const string Name = "SessionReminders";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await results.RunAsync(Name, time, async () => $"{await QueueSessionReminders.HandleAsync(db, time, cancellationToken)} queued", context);
}

/// <summary>Announces this month's programme of every webinar series (see <see cref="AnnounceMonthlyProgrammes"/>).</summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class MonthlyProgrammesJob(TrainingHubDbContext db, TimeProvider time, JobResults results) : IJob
{
    public const string Name = "MonthlyProgrammes";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await results.RunAsync(Name, time, async () => $"{await AnnounceMonthlyProgrammes.HandleAsync(db, time, cancellationToken)} queued", context);
}

/// <summary>Queues the monthly yearly-target progress digests (see <see cref="QueueProgressDigests"/>).</summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class ProgressDigestsJob(TrainingHubDbContext db, TimeProvider time, IConfiguration config, JobResults results) : IJob
{
    public const string Name = "ProgressDigests";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await results.RunAsync(Name, time, async () => $"{await QueueProgressDigests.HandleAsync(db, time, config["App:PublicUrl"], cancellationToken)} queued", context);
}

/// <summary>Queues the managers' digests of pending approvals (see <see cref="QueueApprovalDigests"/>).</summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class ApprovalDigestsJob(TrainingHubDbContext db, TimeProvider time, IConfiguration config, JobResults results) : IJob
{
    public const string Name = "ApprovalDigests";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await results.RunAsync(Name, time, async () => $"{await QueueApprovalDigests.HandleAsync(db, time, config["App:PublicUrl"], cancellationToken)} queued", context);
}

/// <summary>Queues the subscribed monthly reports (see <see cref="QueueMonthlyReports"/>).</summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class MonthlyReportsJob(TrainingHubDbContext db, TimeProvider time, JobResults results) : IJob
{
    public const string Name = "MonthlyReports";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await results.RunAsync(Name, time, async () => $"{await QueueMonthlyReports.HandleAsync(db, time, cancellationToken)} queued", context);
}

/// <summary>Message lookup in a given language, for what is written outside a request (attachments built at send time).</summary>
public static class Translators
{
    public static Func<string, Func<string, string>> For(IStringLocalizer localizer) => language =>
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo(language);
        return key =>
        {
            var previous = System.Globalization.CultureInfo.CurrentUICulture;
            System.Globalization.CultureInfo.CurrentUICulture = culture;
            try
            {
                return localizer[key].Value;
            }
            finally
            {
                System.Globalization.CultureInfo.CurrentUICulture = previous;
            }
        };
    };
}
