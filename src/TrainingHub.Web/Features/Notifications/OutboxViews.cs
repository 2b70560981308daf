using Quartz;
using TrainingHub.Core.Common;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Notifications;

public sealed record JobView(string Name, string? Schedule, DateTime? LastRunAt, DateTime? NextRunAt, string? State, DateTime? ResultAt, bool? ResultOk, string? Result);

public sealed record OutboxViewModel(Page<OutboxRow> Page, OutboxFilter Filter, PagerModel Pager, IReadOnlyDictionary<OutboxStatus, int> Counts,
    IReadOnlyList<string> Types, IReadOnlyList<JobView> Jobs, bool SchedulerEnabled);

/// <summary>The scheduled jobs as Quartz sees them (last and next fire time, trigger state) plus this process's last result.</summary>
public static class JobViews
{
    public static async Task<IReadOnlyList<JobView>> ReadAsync(IServiceProvider services, JobsOptions state, JobResults results, CancellationToken ct)
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

        // The dispatcher runs in every instance: its row shows this instance's last run and the next one due.
        var dispatch = results.For(OutboxDispatcherService.Name);
        var every = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DispatchLoopOptions>>().Value.IntervalSeconds;
        views.Add(new JobView(OutboxDispatcherService.Name, "every " + every.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s (" + state.Instance + ")",
            dispatch?.At, state.Enabled && dispatch is { } d ? d.At.AddSeconds(every) : null, state.Enabled ? "Normal" : null, dispatch?.At, dispatch?.Ok, dispatch?.Text));
        foreach (var name in Scheduling.Jobs.Select(j => j.Name))
        {
            ITrigger? trigger = null;
            string? triggerState = null;
            (DateTime At, bool Ok, string Text)? stored = null;
            if (scheduler is not null)
            {
                var key = new TriggerKey(name + ".trigger");
                trigger = await scheduler.GetTrigger(key, ct);
                triggerState = trigger is null ? null : (await scheduler.GetTriggerState(key, ct)).ToString();
                stored = Stored(await scheduler.GetJobDetail(new JobKey(name), ct));
            }

            var schedule = trigger switch
            {
                ICronTrigger cron => cron.CronExpressionString,
                ISimpleTrigger simple => "every " + simple.RepeatInterval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s",
                _ => null,
            };
            // The result in the Quartz store (whichever instance ran the job), else this process's own.
            var mine = results.For(name);
            var last = stored is { } s && (mine is null || s.At >= mine.Value.At) ? stored : mine;
            views.Add(new JobView(name, schedule, trigger?.PreviousFireTimeUtc?.UtcDateTime, trigger?.NextFireTimeUtc?.UtcDateTime, triggerState,
                last?.At, last?.Ok, last?.Text));
        }

        return views;
    }

    private static (DateTime At, bool Ok, string Text)? Stored(IJobDetail? job)
    {
        if (job?.JobDataMap is not { } data || !data.TryGetString(JobResults.AtKey, out var at) || at is null
            || !DateTime.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var when))
        {
            return null;
        }

        data.TryGetString(JobResults.OkKey, out var ok);
        data.TryGetString(JobResults.TextKey, out var text);
        return (DateTime.SpecifyKind(when, DateTimeKind.Utc), ok == "true", text ?? "");
    }
}
