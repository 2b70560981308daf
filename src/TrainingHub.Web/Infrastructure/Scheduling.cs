using Microsoft.Extensions.Options;
using Quartz;
using TrainingHub.Web.Features.Catalog;
using TrainingHub.Web.Features.Certificates;
using TrainingHub.Web.Features.Enrolment;
using TrainingHub.Web.Features.Notifications;
using TrainingHub.Web.Features.Reports;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Job wiring: every scheduled job is one line below (its class calls one use case); its schedule is configurable as
/// <c>Jobs:&lt;Name&gt;:Cron</c> (Quartz cron, seconds first, São Paulo time) or <c>Jobs:&lt;Name&gt;:IntervalSeconds</c>,
/// validated at start-up. Quartz keeps its state in the application database (QRTZ_ tables, created by Quartz itself):
/// clustered on PostgreSQL, so several app instances share the work and a job never runs twice at once; a single node on
/// SQLite, which cannot cluster. The outbox dispatcher is the exception: every instance runs its own loop
/// (<see cref="OutboxDispatcherService"/>), because its claims let instances share the rows safely and so the sending
/// scales with instances. <c>Jobs:Enabled=false</c> leaves both out (tests drive the use cases directly).
/// </summary>
public static class Scheduling
{
    public static readonly IReadOnlyList<JobDefinition> Jobs =
    [
        JobDefinition.Every<ExpireSeatOffersJob>(seconds: 60),
        JobDefinition.Every<IssueCertificatesJob>(seconds: 120),
        JobDefinition.Every<SessionRemindersJob>(seconds: 300),
        // 1st of the month, 07:00 São Paulo; the monthly digest at 09:00; the managers' digest on working days at 08:00.
        JobDefinition.At<MonthlyProgrammesJob>("0 0 7 1 * ?"),
        JobDefinition.At<ProgressDigestsJob>("0 0 9 1 * ?"),
        JobDefinition.At<ApprovalDigestsJob>("0 0 8 ? * MON-FRI"),
        // 1st of the month, 06:00 São Paulo: the subscribed reports of the month before.
        JobDefinition.At<MonthlyReportsJob>("0 0 6 1 * ?"),
    ];

    public static void AddScheduling(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddOptions<JobsOptions>().Bind(config.GetSection(JobsOptions.Section));
        services.AddOptions<DispatchLoopOptions>().Bind(config.GetSection(DispatchLoopOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobSchedule>, JobScheduleValidator>();
        foreach (var job in Jobs)
        {
            services.AddOptions<JobSchedule>(job.Name).Bind(config.GetSection($"Jobs:{job.Name}")).ValidateOnStart();
            services.AddTransient(job.Type);
        }

        services.AddSingleton<JobResults>();
        var jobs = config.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (!jobs.Enabled)
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
            foreach (var job in Jobs)
            {
                Schedule(q, job, config.GetSection($"Jobs:{job.Name}").Get<JobSchedule>() ?? new JobSchedule());
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static void Schedule(IQuartzBuilder q, JobDefinition job, JobSchedule configured)
    {
        var (cron, seconds) = configured.For(job);
        q.AddJob(typeof(QuartzJob<>).MakeGenericType(job.Type), j => j.WithIdentity(job.Name).DisallowConcurrentExecution(true).PersistJobDataAfterExecution(true));
        q.AddTrigger(t =>
        {
            t.ForJob(job.Name).WithIdentity(job.Name + ".trigger");
            if (cron is not null)
            {
                // Every job is idempotent: one missed while no instance ran (a deploy on the 1st) runs once when one starts.
                t.WithCronSchedule(cron, c => c.InTimeZone(TrainingHub.Core.Common.SaoPaulo.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));
            }
            else
            {
                t.StartNow().WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(seconds ?? 3600)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount));
            }
        });
    }
}

/// <summary>Runs a scheduled job for Quartz, one at a time, and records how it ended.</summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class QuartzJob<TJob>(TJob job, TimeProvider time, JobResults results) : IJob
    where TJob : IScheduledJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await results.RunAsync(context.JobDetail.Key.Name, time, () => job.RunAsync(cancellationToken), context);
    }
}
