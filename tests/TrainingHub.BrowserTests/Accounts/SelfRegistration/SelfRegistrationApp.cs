using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.BrowserTests.Accounts.SelfRegistration;

/// <summary>
/// A second app (demo data, its own SQLite file) with self-registration switched on, whose e-mails go to the maildev
/// server test.sh starts (TH_TEST_SMTP_PORT, TH_TEST_MAILDEV_URL): the tests read the confirmation link from there.
/// The demo data's own queued messages are set aside at start, so dispatching sends only what the tests queue.
/// </summary>
[SetUpFixture]
public sealed class SelfRegistrationApp
{
    private static WebApplicationFactory<Program>? factory;
    private static string? dataDirectory;
    private static int smtpPort;
    private static HttpClient? maildev;

    public static Uri BaseAddress { get; private set; } = null!;

    /// <summary>Demo people without an account at start (one per test, so parallel tests never share one).</summary>
    public static IReadOnlyList<int> ImportedPeople { get; private set; } = [];

    public static IServiceProvider Services => factory?.Services ?? throw new InvalidOperationException("The self-registration test app has not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var port = Environment.GetEnvironmentVariable("TH_TEST_SMTP_PORT");
        var url = Environment.GetEnvironmentVariable("TH_TEST_MAILDEV_URL");
        if (string.IsNullOrEmpty(port) || string.IsNullOrEmpty(url))
        {
            Assert.Ignore("TH_TEST_SMTP_PORT / TH_TEST_MAILDEV_URL are not set: run ./test.sh, which starts the maildev server these tests read the confirmation e-mail from.");
        }

        smtpPort = int.Parse(port!, System.Globalization.CultureInfo.InvariantCulture);
        maildev = new HttpClient { BaseAddress = new Uri(url!.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        dataDirectory = Path.Combine(Path.GetTempPath(), "th-browser-selfreg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        factory = new Factory(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "th.db")}",
            ["Demo:Enabled"] = "true",
            ["Jobs:Enabled"] = "false",
            ["Admin:Email"] = "",
            ["Admin:Password"] = "",
            ["Audit:SealingKeyFile"] = Path.Combine(dataDirectory, "audit-sealing.key"),
            ["Audit:CheckpointFile"] = Path.Combine(dataDirectory, "audit-checkpoints.log"),
            ["Accounts:SelfRegistration:Enabled"] = "true",
            ["Accounts:SelfRegistration:RequireApproval"] = "false",
            ["Accounts:PasswordPermitsPerMinute"] = "100",
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        BaseAddress = new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled));
        ImportedPeople = await db.People.Where(p => p.AnonymizedAt == null && p.Organization!.IsActive && !db.Users.Any(u => u.PersonId == p.Id))
            .OrderBy(p => p.Id).Select(p => p.Id).Take(8).ToListAsync();
    }

    /// <summary>Sends what the outbox holds to maildev, then waits for a message to <paramref name="address"/> whose subject starts so, and returns its text.</summary>
    public static async Task<string> MailAsync(string address, string subjectStart)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            var smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo", TimeoutSeconds = 10 };
            var settings = new DispatchSettings(MaxAttempts: 8, BatchSize: 1000, LeaseSeconds: 300, PublicUrl: BaseAddress.ToString().TrimEnd('/'), MessageIdDomain: "traininghub.test",
                Unsubscribe: Services.GetRequiredService<IUnsubscribeTokens>(), AttachmentSources: null);
            await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), TimeProvider.System, settings, "bt-selfreg-" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var all = await maildev!.GetFromJsonAsync<JsonElement>("email");
            var found = all.EnumerateArray().LastOrDefault(e => e.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase))
                && e.GetProperty("subject").GetString()!.StartsWith(subjectStart, StringComparison.Ordinal));
            if (found.ValueKind == JsonValueKind.Object)
            {
                return found.GetProperty("text").GetString()!;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new AssertionException($"No message \"{subjectStart}…\" reached {address} in maildev.");
            }

            await Task.Delay(200);
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        maildev?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (dataDirectory is not null && Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private sealed class Factory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
