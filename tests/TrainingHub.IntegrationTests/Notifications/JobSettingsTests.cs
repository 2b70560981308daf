using Microsoft.AspNetCore.Hosting;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>A bad job or outbox setting stops the start-up, with a message that names the key to fix.</summary>
public sealed class JobSettingsTests(string provider) : OnBothDatabases(provider)
{
    [TestCase("Jobs:MonthlyReports:Cron", "every first monday")]
    [TestCase("Jobs:ExpireSeatOffers:IntervalSeconds", "-5")]
    [TestCase("Jobs:DispatchOutbox:IntervalSeconds", "-1")]
    [TestCase("Outbox:BatchSize", "0")]
    public void A_bad_setting_fails_start_up_naming_the_key(string key, string value)
    {
        using var app = App.WithWebHostBuilder(b => b.UseSetting(key, value));
        var error = Should.Throw<Exception>(() => app.Server);
        Flatten(error).ShouldContain(key);
    }

    [Test]
    public void Cron_and_interval_together_are_refused()
    {
        using var app = App.WithWebHostBuilder(b => b.UseSetting("Jobs:SessionReminders:Cron", "*/5 * * * *").UseSetting("Jobs:SessionReminders:IntervalSeconds", "300"));
        Flatten(Should.Throw<Exception>(() => app.Server)).ShouldContain("Jobs:SessionReminders: set either Cron or IntervalSeconds, not both.");
    }

    private static string Flatten(Exception error) => error is AggregateException all ? string.Join("\n", all.Flatten().InnerExceptions.Select(e => e.Message)) : error.ToString();
}
