using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Common;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Notifications;

/// <param name="Schedule">The cron in force (São Paulo time); for the outbox dispatcher, which is a loop, the cron of its period when it has one.</param>
/// <param name="EverySeconds">The outbox dispatcher's period; null for the other jobs.</param>
/// <param name="Instance">The instance whose dispatcher the row shows; null for the other jobs, which any instance may run.</param>
public sealed record JobView(string Name, string? Schedule, double? EverySeconds, string? Instance, DateTime? LastRunAt, DateTime? NextRunAt, string? State, DateTime? ResultAt, bool? ResultOk, string? Result);

public sealed record OutboxViewModel(Page<OutboxRow> Page, OutboxFilter Filter, PagerModel Pager, IReadOnlyDictionary<OutboxStatus, int> Counts,
    IReadOnlyList<string> Types, IReadOnlyList<JobView> Jobs, bool SchedulerEnabled);

/// <summary>
/// The scheduled jobs as Hangfire's storage holds them (cron, last and next run, the last run's state and result,
/// whichever instance ran it), and this instance's outbox dispatcher.
/// </summary>
public static class JobViews
{
    public static IReadOnlyList<JobView> Read(IServiceProvider services, JobsOptions state, JobResults results)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(results);
        var views = new List<JobView>();

        // The dispatcher runs in every instance: its row shows this instance's last run and the next one due.
        var dispatch = results.For(OutboxDispatcherService.Name);
        var every = services.GetRequiredService<IOptions<DispatchLoopOptions>>().Value.IntervalSeconds;
        views.Add(new JobView(OutboxDispatcherService.Name, every % 1 == 0 && every <= int.MaxValue ? JobSchedule.IntervalCron((int)every) : null, every, state.Instance,
            dispatch?.At, state.Enabled && dispatch is { } d ? d.At.AddSeconds(every) : null, state.Enabled ? "Normal" : null, dispatch?.At, dispatch?.Ok, dispatch?.Text));

        var storage = services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var recurring = connection.GetRecurringJobs([.. Scheduling.Jobs.Select(j => j.Name)]).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var monitoring = storage.GetMonitoringApi();
        var schedules = services.GetRequiredService<IOptionsMonitor<JobSchedule>>();
        foreach (var definition in Scheduling.Jobs)
        {
            var name = definition.Name;
            recurring.TryGetValue(name, out var job);
            var outcome = job?.LastJobId is { } id ? Outcome(monitoring.JobDetails(id)) : null;
            // With the scheduler off here the storage may hold no schedule yet: show the one configured.
            views.Add(new JobView(name, job?.Cron ?? schedules.Get(name).CronFor(definition), null, null, job?.LastExecution, job?.NextExecution, job?.LastJobState ?? (job is null ? null : "Scheduled"),
                outcome?.At, outcome?.Ok, outcome?.Text));
        }

        return views;
    }

    /// <summary>How a run ended: its return line when it succeeded, the error when it failed; null while it runs.</summary>
    private static (DateTime At, bool Ok, string Text)? Outcome(Hangfire.Storage.Monitoring.JobDetailsDto? details)
    {
        var last = details?.History.FirstOrDefault(h => h.StateName == SucceededState.StateName || h.StateName == FailedState.StateName);
        if (last is null)
        {
            return null;
        }

        if (last.StateName == SucceededState.StateName)
        {
            var result = last.Data.TryGetValue("Result", out var json) && json is not null ? System.Text.Json.JsonSerializer.Deserialize<string>(json) : null;
            return (last.CreatedAt, true, result ?? "");
        }

        return (last.CreatedAt, false, (last.Data.TryGetValue("ExceptionType", out var type) ? type + ": " : "") + (last.Data.TryGetValue("ExceptionMessage", out var message) ? message : ""));
    }
}
