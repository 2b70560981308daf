using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Home;

/// <summary>The first start on a database server that has no database yet: created, migrated, seeded, and not one error logged.</summary>
public sealed class FirstStartTests
{
    [Test]
    public async Task A_first_start_on_a_postgresql_server_logs_no_error()
    {
        var log = new CapturingLogger();
        await using var app = new TestApp("Postgres");
        await using var started = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        started.Services.ShouldNotBeNull(); // starts the host: database, migrations, demo data

        log.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}").ShouldBeEmpty();
        log.Entries.ShouldContain(e => e.Message.Contains("First start: creating the database", StringComparison.Ordinal));
    }

    private sealed class CapturingLogger : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
