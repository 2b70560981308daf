using Npgsql;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// Two real app processes, each a Hangfire server, on one PostgreSQL database: a recurring job due every 2 seconds runs
/// once per occurrence, never once per process. Hangfire notes each run's trigger time (the "Time" parameter) and only
/// starts a run once an occurrence has passed since the previous one, so every run lies in a 2-second slot of its own;
/// a second run in a slot would be an occurrence run twice.
/// </summary>
public sealed class TwoInstanceJobsTests(string provider) : MailFixture(provider)
{
    private const string Job = "ExpireSeatOffers";

    protected override string? Isolation => "two-instance-jobs";

    [Test]
    [CancelAfter(180_000)]
    public async Task Two_processes_on_one_database_run_each_occurrence_of_a_recurring_job_once()
    {
        if (ProviderName != "Postgres")
        {
            Assert.Ignore("Two app processes share one database only on PostgreSQL: a SQLite file belongs to one process.");
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string> { ["Jobs__PollingSeconds"] = "1", [$"Jobs__{Job}__Cron"] = "*/2 * * * * *" };
        foreach (var other in new[] { "IssueCertificates", "SessionReminders", "MonthlyProgrammes", "ProgressDigests", "ApprovalDigests", "MonthlyReports" })
        {
            settings[$"Jobs__{other}__Cron"] = "0 3 1 1 *";
        }

        await using var a = new AppProcess("jobs-a-" + run, App.ConnectionString, Mail.SmtpPort, settings);
        await using var b = new AppProcess("jobs-b-" + run, App.ConnectionString, Mail.SmtpPort, settings);
        await a.StartAsync();
        await b.StartAsync();
        // Beside the test host's own imports-only worker (Jobs:ImportWorker), which shares this database.
        (await ScalarAsync("SELECT count(*) FROM hangfire.server WHERE id NOT LIKE '%:imports:%'")).ShouldBe(2L, "both processes run a Hangfire server");

        // Wait for a dozen runs, then let the servers race a little longer.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && (await RunsAsync()).Count < 12)
        {
            await Task.Delay(500);
        }

        await Task.Delay(3000);
        var runs = await RunsAsync();
        runs.Count.ShouldBeGreaterThanOrEqualTo(12, $"runs of {Job} within 90 s\n--- a ---\n{a.Output}\n--- b ---\n{b.Output}");
        runs.GroupBy(r => r.Time / 2).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(r => $"{r.Time}:{r.State}")))
            .ShouldBeEmpty("one run per 2-second occurrence");
        runs.Where(r => r.State is not ("Succeeded" or "Processing" or "Enqueued")).ShouldBeEmpty("no run failed or waited for a lock");
        TestContext.Out.WriteLine($"{runs.Count} runs, {runs.Count(r => r.State == "Succeeded")} succeeded");
    }

    private async Task<List<(long Time, string State)>> RunsAsync()
    {
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT t.value, j.statename FROM hangfire.jobparameter r JOIN hangfire.jobparameter t ON t.jobid = r.jobid AND t.name = 'Time' " +
            "JOIN hangfire.job j ON j.id = r.jobid WHERE r.name = 'RecurringJobId' AND r.value = @id ORDER BY 1", conn);
        cmd.Parameters.AddWithValue("id", $"\"{Job}\"");
        var runs = new List<(long, string)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs.Add((long.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        }

        return runs;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }
}
