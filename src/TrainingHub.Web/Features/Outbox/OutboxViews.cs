using Quartz;
using TrainingHub.Core.Common;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Outbox;

public sealed record JobView(string Name, string? Schedule, DateTime? LastRunAt, DateTime? NextRunAt, string? State, DateTime? ResultAt, bool? ResultOk, string? Result);

public sealed record OutboxViewModel(Page<OutboxRow> Page, OutboxFilter Filter, PagerModel Pager, IReadOnlyDictionary<OutboxStatus, int> Counts,
    IReadOnlyList<string> Types, IReadOnlyList<JobView> Jobs, bool SchedulerEnabled);

/// <summary>The scheduled jobs as Quartz sees them (last and next fire time, trigger state) plus this process's last result.</summary>
public static class JobViews
{
    public static async Task<IReadOnlyList<JobView>> ReadAsync(IServiceProvider services, SchedulerState state, JobResults results, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(results);
        var views = new List<JobView>();
        IScheduler? scheduler = null;
        if (state.Enabled && services.GetService<ISchedulerFactory>() is { } factory)
        {
            scheduler = await factory.GetScheduler(ct);
        }

        foreach (var (name, _, _) in Scheduling.Jobs)
        {
            ITrigger? trigger = null;
            string? triggerState = null;
            if (scheduler is not null)
            {
                var key = new TriggerKey(name + ".trigger");
                trigger = await scheduler.GetTrigger(key, ct);
                triggerState = trigger is null ? null : (await scheduler.GetTriggerState(key, ct)).ToString();
            }

            var schedule = trigger switch
            {
                ICronTrigger cron => cron.CronExpressionString,
                ISimpleTrigger simple => "every " + simple.RepeatInterval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s",
                _ => null,
            };
            var last = results.For(name);
            views.Add(new JobView(name, schedule, trigger?.PreviousFireTimeUtc?.UtcDateTime, trigger?.NextFireTimeUtc?.UtcDateTime, triggerState,
                last?.At, last?.Ok, last?.Text));
        }

        return views;
    }
}
