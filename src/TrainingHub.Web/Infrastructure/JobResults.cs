using Quartz;

namespace TrainingHub.Web.Infrastructure;

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
