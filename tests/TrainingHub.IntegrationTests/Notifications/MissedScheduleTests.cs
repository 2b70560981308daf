using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using TrainingHub.Core.Common;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// A schedule that came due while no instance ran (six hourly occurrences missed) runs once when an instance starts,
/// not six times, and the next run is the next occurrence.
/// </summary>
public sealed class MissedScheduleTests(string provider) : OnBothDatabases(provider)
{
    private const string Job = "MonthlyProgrammes";
    private const string Hourly = "0 * * * *";

    protected override string? Isolation => "missed-schedule";

    [Test]
    [CancelAfter(120_000)]
    public async Task Missed_occurrences_run_once_when_an_instance_starts()
    {
        // The schedule as an instance left it six hours ago: last run seven hours ago, next one due six hours ago.
        var storage = Scheduling.StorageFor(new DatabaseOptions { Provider = Enum.Parse<DatabaseProvider>(ProviderName), ConnectionString = App.ConnectionString }, TimeSpan.FromSeconds(1));
        new RecurringJobManager(storage).AddOrUpdate<JobRunner>(Job, r => r.RunAsync(Job, CancellationToken.None), Hourly,
            new RecurringJobOptions { TimeZone = SaoPaulo.Zone, MisfireHandling = MisfireHandlingMode.Relaxed });
        var now = DateTime.UtcNow;
        using (var connection = storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            transaction.SetRangeInHash($"recurring-job:{Job}", [
                new("LastExecution", JobHelper.SerializeDateTime(now.AddHours(-7))),
                new("NextExecution", JobHelper.SerializeDateTime(now.AddHours(-6))),
            ]);
            transaction.AddToSet("recurring-jobs", Job, JobHelper.ToTimestamp(now.AddHours(-6)));
            transaction.Commit();
        }

        await using var instance = App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Jobs:Enabled", "true");
            b.UseSetting("Jobs:PollingSeconds", "1");
            b.UseSetting($"Jobs:{Job}:Cron", Hourly);
            foreach (var other in new[] { "ExpireSeatOffers", "IssueCertificates", "SessionReminders", "ProgressDigests", "ApprovalDigests", "MonthlyReports" })
            {
                b.UseSetting($"Jobs:{other}:Cron", "0 3 1 1 *");
            }
        });
        _ = instance.Server;

        var monitoring = storage.GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && monitoring.SucceededListCount() == 0)
        {
            await Task.Delay(250);
        }

        // A few more polling rounds, in which a second run of a missed occurrence would show.
        await Task.Delay(4000);
        var runs = monitoring.SucceededJobs(0, 100).Where(j => j.Value.Job?.Args.FirstOrDefault() as string == Job).ToList();
        (runs.Count + monitoring.FailedCount() + monitoring.EnqueuedCount("default") + monitoring.ProcessingCount()).ShouldBe(1L, "one run for six missed occurrences");
        runs.ShouldHaveSingleItem();
        using var after = storage.GetConnection();
        var schedule = after.GetRecurringJobs([Job]).ShouldHaveSingleItem();
        schedule.NextExecution.ShouldNotBeNull();
        schedule.NextExecution.Value.ShouldBeGreaterThan(DateTime.UtcNow);
        schedule.NextExecution.Value.Minute.ShouldBe(0);
    }
}
