using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TrainingHub.Core.Data;

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>
/// The real host on a real database: a fresh SQLite file, a fresh database on the PostgreSQL server that test.sh
/// starts (TH_TEST_POSTGRES), or a fresh database on a SQL Server named by TH_TEST_SQLSERVER (none runs on the
/// development machines). Migrations, roles, demo data and the first administrator come from the app's own
/// start-up. On SQLite every LINQ query is also translated for SQL Server (<see cref="SqlServerTranslation"/>).
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "it-admin@test.traininghub.local";
    public const string AdminPassword = "integration admin passphrase";

    public TestApp(string provider)
    {
        Provider = provider;
        if (provider == "Sqlite")
        {
            Directory = Path.Combine(Path.GetTempPath(), "th-it-" + Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            ConnectionString = $"Data Source={Path.Combine(Directory, "th.db")}";
        }
        else if (provider == "SqlServer")
        {
            var server = Environment.GetEnvironmentVariable("TH_TEST_SQLSERVER");
            if (string.IsNullOrEmpty(server))
            {
                Assert.Ignore("TH_TEST_SQLSERVER is not set: no SQL Server to run on (give it a connection string to one, with rights to create databases).");
            }

            ConnectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = "th_it_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("TH_TEST_POSTGRES");
            if (string.IsNullOrEmpty(server))
            {
                Assert.Ignore("TH_TEST_POSTGRES is not set: run ./test.sh, which starts a PostgreSQL server for these tests.");
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = "th_it_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;
        }
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public string? Directory { get; }
    public TestClock Clock { get; } = new();

    /// <summary>The audit sealing key and checkpoint file of this app: outside the database, as in production.</summary>
    public string AuditDirectory { get; } = Path.Combine(Path.GetTempPath(), "th-it-audit-" + Guid.NewGuid().ToString("N"));

    public TrainingHub.Core.Audit.AuditSealing Sealing => Services.GetRequiredService<TrainingHub.Core.Audit.AuditSealing>();

    /// <summary>Seals every committed audit entry now (the background sealer does the same within a second) and writes a checkpoint.</summary>
    public async Task SealAuditAsync()
    {
        TrainingHub.Core.Audit.SealOutcome outcome;
        do
        {
            outcome = await WithDbAsync(db => TrainingHub.Core.Audit.SealAuditEntries.HandleAsync(db, Sealing, Clock, CancellationToken.None));
        }
        while (outcome.Sealed > 0);

        await WithDbAsync(db => TrainingHub.Core.Audit.AuditCheckpoints.WriteAsync(db, Sealing, Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None));
    }

    public Task<TrainingHub.Core.Audit.ChainVerification> VerifyAuditAsync() =>
        WithDbAsync(db => TrainingHub.Core.Audit.VerifyAuditChain.HandleAsync(db, Sealing, CancellationToken.None));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Admin:Email", AdminEmail);
        builder.UseSetting("Admin:Password", AdminPassword);
        builder.UseSetting("Admin:Name", "IT Admin");
        // The scheduler stays off: tests drive the use cases (the dispatcher among them) themselves.
        builder.UseSetting("Jobs:Enabled", "false");
        // Except background imports: confirmed imports run on this host's own worker, polled every second.
        builder.UseSetting("Jobs:ImportWorker", "true");
        builder.UseSetting("Jobs:PollingSeconds", "1");
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Environment.GetEnvironmentVariable("TH_TEST_SMTP_PORT") ?? "2525");
        builder.UseSetting("App:PublicUrl", "https://traininghub.test");
        // Certificate lookups per address and minute: the tests' own calls share one address.
        builder.UseSetting("Certificates:VerifyPermitsPerMinute", "100");
        builder.UseSetting("Accounts:PasswordPermitsPerMinute", "100");
        builder.UseSetting("Audit:SealingKeyFile", Path.Combine(AuditDirectory, "audit-sealing.key"));
        builder.UseSetting("Audit:CheckpointFile", Path.Combine(AuditDirectory, "audit-checkpoints.log"));
        // What the server logs as an error (an unhandled exception behind a 500, say) shows in the test run's output.
        builder.ConfigureLogging(l => l.AddProvider(new ServerErrorLog()));
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            if (Provider == "Sqlite")
            {
                s.ConfigureDbContext<TrainingHubDbContext>(SqlServerTranslation.Mirror);
            }
        });
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>An API client that acts as the account with this e-mail, through a fresh personal API token.</summary>
    public async Task<HttpClient> ApiClientAsync(string email)
    {
        string token;
        await using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            token = (await TrainingHub.Core.Accounts.IssueApiToken.HandleAsync(db, userId, "tests", 1, Clock, CancellationToken.None)).Value!.Token;
        }

        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        client.Timeout = TimeSpan.FromMinutes(2);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<TrainingHubDbContext, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (System.IO.Directory.Exists(AuditDirectory))
        {
            System.IO.Directory.Delete(AuditDirectory, recursive: true);
        }

        if (Provider == "Postgres")
        {
            NpgsqlConnection.ClearAllPools();
            var server = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" };
            var db = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
            await using var conn = new NpgsqlConnection(server.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else if (Provider == "SqlServer")
        {
            SqlConnection.ClearAllPools();
            var builder = new SqlConnectionStringBuilder(ConnectionString);
            var db = builder.InitialCatalog;
            builder.InitialCatalog = "master";
            await using var conn = new SqlConnection(builder.ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new SqlCommand($"IF DB_ID(N'{db}') IS NOT NULL BEGIN ALTER DATABASE [{db}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{db}]; END", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else if (Directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Writes the host's errors (with their exception) to the test run's progress output, as they happen.</summary>
internal sealed class ServerErrorLog : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                TestContext.Progress.WriteLine($"[server {logLevel} {category}] {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
        }
    }
}

/// <summary>One app per provider for the whole run (start-up seeds demo data once).</summary>
[SetUpFixture]
public sealed class Apps
{
    private static readonly Dictionary<string, TestApp> Started = [];

    /// <param name="isolation">A name for fixtures that need a database of their own (say, an outbox no other test fills).</param>
    public static TestApp For(string provider, string? isolation = null)
    {
        var key = isolation is null ? provider : $"{provider}:{isolation}";
        lock (Started)
        {
            if (!Started.TryGetValue(key, out var app))
            {
                app = new TestApp(provider);
                _ = app.Server; // start now: migrations and seeding happen here
                Started[key] = app;
            }

            return app;
        }
    }

    [OneTimeTearDown]
    public async Task StopAll()
    {
        foreach (var app in Started.Values)
        {
            await app.DisposeAsync();
        }

        Started.Clear();
    }
}

/// <summary>
/// Base of every integration fixture: runs once on SQLite, once on PostgreSQL and once on SQL Server (skipped, and
/// counted as skipped, where TH_TEST_SQLSERVER names no server).
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
[TestFixture("SqlServer")]
public abstract class OnBothDatabases(string provider)
{
    protected string ProviderName { get; } = provider;
    protected TestApp App { get; private set; } = null!;

    /// <summary>Null: share the provider's app with most fixtures; a name: a separate app and database.</summary>
    protected virtual string? Isolation => null;

    [OneTimeSetUp]
    public void StartApp() => App = Apps.For(ProviderName, Isolation);

    [TearDown]
    public void ResetClock() => App.Clock.Offset = TimeSpan.Zero;

    protected Browser NewBrowser() => new(App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
}
