using Microsoft.Extensions.Options;
using Quartz;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Every scheduled job and its schedule, in one place. Quartz keeps its state in the application database (QRTZ_
/// tables, created by Quartz itself): clustered on PostgreSQL, so several app instances share the work and a job
/// never runs twice at once; a single node on SQLite, which cannot cluster. Each schedule is configurable:
/// <c>Jobs:&lt;Name&gt;:Cron</c> (Quartz cron, seconds first) or <c>Jobs:&lt;Name&gt;:IntervalSeconds</c>.
/// <c>Jobs:Enabled=false</c> leaves the scheduler out (tests drive the use cases directly).
/// </summary>
public static class Scheduling
{
    /// <summary>The jobs: name, type and default interval in seconds.</summary>
    public static readonly IReadOnlyList<(string Name, Type Job, int DefaultSeconds)> Jobs =
    [
        (DispatchOutboxJob.Name, typeof(DispatchOutboxJob), 30),
        (ExpireSeatOffersJob.Name, typeof(ExpireSeatOffersJob), 60),
        (IssueCertificatesJob.Name, typeof(IssueCertificatesJob), 120),
    ];

    public static void AddScheduling(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var config = builder.Configuration;
        services.Configure<SmtpOptions>(config.GetSection("Smtp"));
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<IUnsubscribeTokens, UnsubscribeTokens>();
        services.AddSingleton(IssueSettings.From(config));
        services.AddSingleton<IOutboxAttachmentSource>(new CertificateAttachmentSource(AttachmentKinds.Certificate));
        services.AddSingleton<IOutboxAttachmentSource>(new CertificateAttachmentSource(AttachmentKinds.Transcript));
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
            Schedule<DispatchOutboxJob>(q, config, DispatchOutboxJob.Name);
            Schedule<ExpireSeatOffersJob>(q, config, ExpireSeatOffersJob.Name);
            Schedule<IssueCertificatesJob>(q, config, IssueCertificatesJob.Name);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static void Schedule<TJob>(IQuartzBuilder q, IConfiguration config, string name)
        where TJob : IJob
    {
        var cron = config[$"Jobs:{name}:Cron"];
        var seconds = config.GetValue($"Jobs:{name}:IntervalSeconds", Jobs.Single(j => j.Name == name).DefaultSeconds);
        q.ScheduleJob<TJob>(
            t =>
            {
                t.WithIdentity(name + ".trigger").StartNow();
                if (!string.IsNullOrWhiteSpace(cron))
                {
                    t.WithCronSchedule(cron, c => c.InTimeZone(TrainingHub.Core.Common.SaoPaulo.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing));
                }
                else
                {
                    t.WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(Math.Max(1, seconds))).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount));
                }
            },
            j => j.WithIdentity(name).DisallowConcurrentExecution(true));
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
            MessageIdDomain: domain);
    }

    /// <summary>This process's name in outbox leases.</summary>
    public static readonly string InstanceId = $"{Environment.MachineName}:{Environment.ProcessId}";
}

/// <summary>Whether the scheduler runs in this process (the administration page says so when it does not).</summary>
public sealed record SchedulerState(bool Enabled);

/// <summary>The outcome of each job's last run in this process, for the administration page.</summary>
public sealed class JobResults
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime At, bool Ok, string Text)> last = new(StringComparer.Ordinal);

    public void Record(string job, DateTime at, bool ok, string text) => last[job] = (at, ok, text);

    public (DateTime At, bool Ok, string Text)? For(string job) => last.TryGetValue(job, out var r) ? r : null;

    /// <summary>Runs a job's work and records how it ended; failures are recorded and rethrown for Quartz to log.</summary>
    public async Task RunAsync(string job, TimeProvider time, Func<Task<string>> work)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            Record(job, time.GetUtcNow().UtcDateTime, true, await work());
        }
        catch (Exception ex)
        {
            Record(job, time.GetUtcNow().UtcDateTime, false, ex.GetType().Name + ": " + ex.Message);
            throw;
        }
    }
}

/// <summary>Sends due outbox rows (see <see cref="DispatchOutbox"/>).</summary>
[DisallowConcurrentExecution]
public sealed class DispatchOutboxJob(TrainingHubDbContext db, IEmailSender sender, TimeProvider time, DispatchSettings settings, JobResults results, ILogger<DispatchOutboxJob> log) : IJob
{
    public const string Name = "DispatchOutbox";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await results.RunAsync(Name, time, async () =>
        {
            var outcome = await DispatchOutbox.HandleAsync(db, sender, time, settings, Scheduling.InstanceId, cancellationToken);
            if (outcome.Claimed > 0)
            {
                log.LogInformation("Outbox: {Sent} sent, {Retried} to retry, {Dead} dead-lettered", outcome.Sent, outcome.Retried, outcome.DeadLettered);
            }

            return $"{outcome.Sent} sent, {outcome.Retried} retry, {outcome.DeadLettered} dead letter";
        });
    }
}

/// <summary>Lapses expired seat offers and passes the seats on (see <see cref="ExpireSeatOffers"/>).</summary>
[DisallowConcurrentExecution]
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
        });
    }
}

/// <summary>Issues the certificates of completed enrolments that have none, in batches, exactly once (see <see cref="IssueCertificates"/>).</summary>
[DisallowConcurrentExecution]
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
        });
    }
}
