using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TrainingHub.Web.Infrastructure;

/// <summary>A scheduled job: the thin class that calls one use case and says in a line what it did.</summary>
public interface IScheduledJob
{
    Task<string> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One job of the schedule: its name (the class name without "Job", also its configuration key
/// <c>Jobs:&lt;Name&gt;</c>), its class and its default schedule (a cron, or every so many seconds).
/// </summary>
public sealed record JobDefinition(string Name, Type Type, string? DefaultCron, int? DefaultSeconds)
{
    public static JobDefinition Every<TJob>(int seconds)
        where TJob : IScheduledJob => new(NameOf(typeof(TJob)), typeof(TJob), null, seconds);

    public static JobDefinition At<TJob>(string cron)
        where TJob : IScheduledJob => new(NameOf(typeof(TJob)), typeof(TJob), cron, null);

    private static string NameOf(Type type) => type.Name.EndsWith("Job", StringComparison.Ordinal) ? type.Name[..^3] : type.Name;
}

/// <summary>
/// <c>Jobs:&lt;Name&gt;:Cron</c> or <c>Jobs:&lt;Name&gt;:IntervalSeconds</c> (one of them; neither keeps the job's
/// default), as named options per job, validated at start-up.
/// </summary>
public sealed class JobSchedule
{
    public string? Cron { get; set; }
    public int? IntervalSeconds { get; set; }

    /// <summary>The schedule in force: the configured cron, else the configured interval, else the job's default.</summary>
    public (string? Cron, int? Seconds) For(JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!string.IsNullOrWhiteSpace(Cron))
        {
            return (Cron.Trim(), null);
        }

        return IntervalSeconds is { } seconds ? (null, seconds) : (job.DefaultCron, job.DefaultSeconds);
    }

    /// <summary>
    /// The schedule in force as a cron (Hangfire schedules by cron only): an interval becomes the cron that fires at that
    /// period on the clock, so it must divide a minute (with a seconds field), an hour or a day.
    /// </summary>
    public string CronFor(JobDefinition job)
    {
        var (cron, seconds) = For(job);
        return cron ?? IntervalCron(seconds ?? 3600) ?? throw new InvalidOperationException($"Jobs:{job.Name}:IntervalSeconds {seconds} has no cron.");
    }

    /// <summary>The cron that fires every <paramref name="seconds"/>, or null when the interval does not divide a minute, an hour or a day.</summary>
    public static string? IntervalCron(int seconds) => seconds switch
    {
        <= 0 => null,
        < 60 when 60 % seconds == 0 => $"*/{seconds} * * * * *",
        60 => "* * * * *",
        < 3600 when seconds % 60 == 0 && 60 % (seconds / 60) == 0 => $"*/{seconds / 60} * * * *",
        3600 => "0 * * * *",
        < 86_400 when seconds % 3600 == 0 && 24 % (seconds / 3600) == 0 => $"0 */{seconds / 3600} * * *",
        86_400 => "0 0 * * *",
        _ => null,
    };
}

/// <summary>Refuses a bad schedule at start-up, naming the configuration key.</summary>
public sealed class JobScheduleValidator : IValidateOptions<JobSchedule>
{
    public ValidateOptionsResult Validate(string? name, JobSchedule options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = $"Jobs:{name}";
        if (!string.IsNullOrWhiteSpace(options.Cron) && options.IntervalSeconds is not null)
        {
            return ValidateOptionsResult.Fail($"{key}: set either Cron or IntervalSeconds, not both.");
        }

        if (options.IntervalSeconds is { } seconds && JobSchedule.IntervalCron(seconds) is null)
        {
            return ValidateOptionsResult.Fail($"{key}:IntervalSeconds {seconds} cannot be scheduled: use a positive number of seconds that divides a minute, an hour or a day (for example 30, 120, 900, 21600), or set {key}:Cron.");
        }

        if (!string.IsNullOrWhiteSpace(options.Cron) && CronError(options.Cron.Trim()) is { } error)
        {
            return ValidateOptionsResult.Fail($"{key}:Cron '{options.Cron}' is not a valid cron expression: {error}");
        }

        return ValidateOptionsResult.Success;
    }

    private static string? CronError(string cron)
    {
        // Hangfire's own rule: five fields, or six with seconds first; parsed by Cronos, Hangfire's cron library.
        var parts = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (!cron.StartsWith('@') && parts is not (5 or 6))
        {
            return $"it has {parts} fields; use 5 (minute hour day month weekday) or 6 (seconds first).";
        }

        try
        {
            _ = Cronos.CronExpression.Parse(cron, parts == 6 ? Cronos.CronFormat.IncludeSeconds : Cronos.CronFormat.Standard);
            return null;
        }
        catch (Cronos.CronFormatException ex)
        {
            return ex.Message;
        }
    }
}

/// <summary><c>Jobs:Enabled</c> (false: this process runs no job, tests drive the use cases) and <c>Jobs:InstanceId</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;

    public string? InstanceId { get; set; }

    /// <summary>How often this instance's Hangfire server looks for due schedules and queued runs, in seconds.</summary>
    [Range(1, 300, ErrorMessage = "Jobs:PollingSeconds must be between {1} and {2}.")]
    public int PollingSeconds { get; set; } = 15;

    /// <summary>
    /// Whether this instance runs background imports (the <c>imports</c> queue): unset, it does when it runs jobs at all;
    /// true, it does even with <c>Jobs:Enabled=false</c>; false, never.
    /// </summary>
    public bool? ImportWorker { get; set; }

    /// <summary>How many jobs this instance runs at once.</summary>
    [Range(1, 50, ErrorMessage = "Jobs:Workers must be between {1} and {2}.")]
    public int Workers { get; set; } = 4;

    /// <summary>This process's name in outbox leases and history (<c>Jobs:InstanceId</c>, else machine and process id).</summary>
    public string Instance => InstanceId is { Length: > 0 } id ? id : $"{Environment.MachineName}:{Environment.ProcessId}";
}

/// <summary><c>Jobs:DispatchOutbox:IntervalSeconds</c>: how often this instance's dispatcher looks for due mail.</summary>
public sealed class DispatchLoopOptions
{
    public const string Section = "Jobs:DispatchOutbox";

    [Range(0.1, 86_400, ErrorMessage = "Jobs:DispatchOutbox:IntervalSeconds must be between {1} and {2} seconds.")]
    public double IntervalSeconds { get; set; } = 30;
}
