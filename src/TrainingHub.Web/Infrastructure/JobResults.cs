namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// The outcome of this instance's outbox dispatcher runs, in memory: each instance runs its own, so the jobs page shows
/// the instance's own. (Hangfire keeps the outcomes of the scheduled jobs.)
/// </summary>
public sealed class JobResults
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime At, bool Ok, string Text)> last = new(StringComparer.Ordinal);

    public (DateTime At, bool Ok, string Text)? For(string job) => last.TryGetValue(job, out var r) ? r : null;

    /// <summary>Runs the work and records how it ended; failures are recorded and rethrown.</summary>
    public async Task RunAsync(string job, TimeProvider time, Func<Task<string>> work)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            var text = await work();
            last[job] = (time.GetUtcNow().UtcDateTime, true, text);
        }
        catch (Exception ex)
        {
            last[job] = (time.GetUtcNow().UtcDateTime, false, ex.GetType().Name + ": " + ex.Message);
            throw;
        }
    }
}
