using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace TrainingHub.BrowserTests;

/// <summary>
/// One real app on a real 127.0.0.1 port (Kestrel, a fresh SQLite file, demo data) and one headless Chromium for the
/// whole run. Each test opens its own browser context, so cookies never leak between tests.
/// </summary>
[SetUpFixture]
public sealed class TestApp
{
    private static WebApplicationFactory<Program>? factory;
    private static IPlaywright? playwright;
    private static IBrowser? browser;
    private static string? dataDirectory;

    public static Uri BaseAddress { get; private set; } = null!;

    public static IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>The app's services, for tests that arrange data of their own (say, a session happening now).</summary>
    public static IServiceProvider Services => factory?.Services ?? throw new InvalidOperationException("The app has not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        dataDirectory = Path.Combine(Path.GetTempPath(), "th-browser-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var databaseFile = Path.Combine(dataDirectory, "th.db");

        factory = new DemoAppFactory($"Data Source={databaseFile}");
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.Single());
        File.Exists(databaseFile).ShouldBeTrue($"the app should use the test database {databaseFile}");

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
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

    private sealed class DemoAppFactory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", connectionString);
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Jobs:ImportWorker", "true");
            builder.UseSetting("Jobs:PollingSeconds", "1");
            builder.UseSetting("Admin:Email", "");
            builder.UseSetting("Admin:Password", "");
            // The audit key and checkpoints belong to this demo database, not to the app folder another run shares.
            var audit = Path.Combine(Path.GetTempPath(), "th-bt-audit-" + Guid.NewGuid().ToString("N"));
            builder.UseSetting("Audit:SealingKeyFile", Path.Combine(audit, "audit-sealing.key"));
            builder.UseSetting("Audit:CheckpointFile", Path.Combine(audit, "audit-checkpoints.log"));
        }
    }
}
