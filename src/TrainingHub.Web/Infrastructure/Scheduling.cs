using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using TrainingHub.Web.Features.Accounts;
using TrainingHub.Web.Features.Audit;
using TrainingHub.Web.Features.Catalog;
using TrainingHub.Web.Features.Certificates;
using TrainingHub.Web.Features.Enrolment;
using TrainingHub.Web.Features.Notifications;
using TrainingHub.Web.Features.Reports;
using TrainingHub.Web.Features.Surveys;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Job wiring: every scheduled job is one line below (its class calls one use case). Hangfire runs them: its storage
/// follows <c>Database:Provider</c> (PostgreSQL: schema <c>hangfire</c> in the application database; SQLite: a file of
/// its own beside the application's; SQL Server: schema <c>HangFire</c>), every instance runs a Hangfire server on it,
/// and the storage's locks let one instance start each occurrence. Schedules come from configuration
/// (<c>Jobs:&lt;Name&gt;:Cron</c>, São Paulo time, or <c>Jobs:&lt;Name&gt;:IntervalSeconds</c>) and are checked at
/// start-up. The outbox dispatcher is the exception: every instance runs its own loop (<see cref="OutboxDispatcherService"/>),
/// because its claims let instances share the rows safely and so the sending scales with instances.
/// <c>Jobs:Enabled=false</c> runs neither in this process (tests drive the use cases directly); the storage stays
/// reachable for the jobs page and the dashboard.
/// </summary>
public static class Scheduling
{
    public static readonly IReadOnlyList<JobDefinition> Jobs =
    [
        JobDefinition.Every<ExpireSeatOffersJob>(seconds: 60),
        JobDefinition.Every<IssueCertificatesJob>(seconds: 120),
        JobDefinition.Every<SessionRemindersJob>(seconds: 300),
        // 1st of the month, 07:00 São Paulo; the monthly digest at 09:00; the managers' digest on working days at 08:00.
        JobDefinition.At<MonthlyProgrammesJob>("0 7 1 * *"),
        JobDefinition.At<ProgressDigestsJob>("0 9 1 * *"),
        JobDefinition.At<ApprovalDigestsJob>("0 8 * * MON-FRI"),
        // 1st of the month, 06:00 São Paulo: the subscribed reports of the month before.
        JobDefinition.At<MonthlyReportsJob>("0 6 1 * *"),
        JobDefinition.Every<VerifyAuditTrailJob>(seconds: 3600),
        // Every day at 08:00 São Paulo (Jobs:NeedsSurveyReminders:Cron): reminders of needs surveys closing within three days.
        JobDefinition.At<NeedsSurveyRemindersJob>("0 8 * * *"),
        // Every day at 03:30 São Paulo: expired, never-confirmed self-registration requests lose their passphrase hash, then go.
        JobDefinition.At<PurgeRegistrationRequestsJob>("30 3 * * *"),
    ];

    public static void AddScheduling(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<JobsOptions>().Bind(config.GetSection(JobsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DispatchLoopOptions>().Bind(config.GetSection(DispatchLoopOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobSchedule>, JobScheduleValidator>();
        foreach (var job in Jobs)
        {
            services.AddOptions<JobSchedule>(job.Name).Bind(config.GetSection($"Jobs:{job.Name}")).ValidateOnStart();
            services.AddTransient(job.Type);
        }

        services.AddSingleton<JobResults>();
        services.AddTransient<Features.Imports.ImportJob>();

        // This host's own storage and activator, not Hangfire's process-wide ones: the tests run several hosts in one process.
        var database = DatabaseOptions.From(config, builder.Environment.ContentRootPath);
        var jobs = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(_ => StorageFor(database, TimeSpan.FromSeconds(Math.Max(1, jobs.PollingSeconds))));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(c => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings());
        if (!jobs.Enabled)
        {
            // Imports confirmed on this instance still need a worker somewhere: Jobs:ImportWorker=true runs one for them alone.
            if (jobs.ImportWorker == true)
            {
                services.AddHangfireServer((_, o) =>
                {
                    o.ServerName = jobs.Instance + ":imports";
                    o.WorkerCount = 1;
                    o.Queues = [Features.Imports.ImportJob.Queue];
                    o.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, jobs.PollingSeconds));
                });
            }

            return;
        }

        services.AddHostedService<OutboxDispatcherService>();
        services.AddHostedService<RecurringJobs>();
        services.AddHangfireServer((_, o) =>
        {
            o.ServerName = jobs.Instance;
            o.WorkerCount = jobs.Workers;
            o.Queues = jobs.ImportWorker == false ? ["default"] : [Features.Imports.ImportJob.Queue, "default"];
            o.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, jobs.PollingSeconds));
        });
    }

    /// <summary>Hangfire's storage for the application's database provider.</summary>
    public static JobStorage StorageFor(DatabaseOptions database, TimeSpan polling)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connectionString = database.ConnectionString!;
        return database.Provider switch
        {
            DatabaseProvider.Postgres => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()),
                new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, QueuePollInterval = polling }),
            DatabaseProvider.SqlServer => new SqlServerStorage(connectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = polling }),
            _ => new SQLiteStorage(SqliteJobsFile(connectionString), new SQLiteStorageOptions { QueuePollInterval = polling }),
        };
    }

    /// <summary>The SQLite file of Hangfire's storage: beside the application's database, named after it (<c>traininghub.jobs.db</c>).</summary>
    public static string SqliteJobsFile(string connectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", Path.GetFileNameWithoutExtension(file) + ".jobs.db");
    }
}

/// <summary>
/// Registers (or updates) each job's recurring schedule in Hangfire's storage when the instance starts. A schedule that
/// came due while no instance ran is run once, not once per missed occurrence (<see cref="MisfireHandlingMode.Relaxed"/>):
/// every job is idempotent and catches up by itself.
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager manager, IOptionsMonitor<JobSchedule> schedules) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new RecurringJobOptions { TimeZone = TrainingHub.Core.Common.SaoPaulo.Zone, MisfireHandling = MisfireHandlingMode.Relaxed };
        foreach (var job in Scheduling.Jobs)
        {
            var name = job.Name;
            manager.AddOrUpdate<JobRunner>(name, r => r.RunAsync(name, CancellationToken.None), schedules.Get(name).CronFor(job), options);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// What Hangfire runs for a job: the job's class, never two runs of one job at once whichever instances they are on (a
/// lock in the storage; an occurrence that finds the previous one still running waits for it up to ten minutes, then
/// finds nothing left to do). The returned line is the result the jobs page shows.
/// </summary>
public sealed class JobRunner(IServiceProvider services)
{
    [DisableConcurrentExecution("job:{0}", 600)]
    [JobDisplayName("{0}")]
    public Task<string> RunAsync(string name, CancellationToken cancellationToken) =>
        ((IScheduledJob)services.GetRequiredService(Scheduling.Jobs.Single(j => j.Name == name).Type)).RunAsync(cancellationToken);
}
