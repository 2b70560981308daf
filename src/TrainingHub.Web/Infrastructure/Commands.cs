using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TrainingHub.Core.Data;
using TrainingHub.Migrations.Postgres;
using TrainingHub.Migrations.Sqlite;
using TrainingHub.Migrations.SqlServer;
using TrainingHub.Seeding;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Operator commands, run as <c>dotnet run --project src/TrainingHub.Web -- COMMAND</c> (or the published binary):
/// <c>migrate</c>, <c>migrate --script DIR</c>, <c>seed --size N</c>, <c>create-admin --email E --password P [--name N]</c>, <c>audit verify</c>.
/// </summary>
public static class Commands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        // A command is the first argument; anything else (--urls …, Key=Value) is host configuration.
        var command = args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal) ? args[0] : null;
        if (command is null)
        {
            return false;
        }

        string? Option(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TrainingHubDbContext>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("TrainingHub.Commands");
        switch (command)
        {
            case "migrate" when Option("--script") is { } dir:
                WriteScripts(dir);
                break;
            case "migrate":
                await Startup.MigrateAsync(db, log);
                Console.WriteLine("Database is up to date.");
                break;
            case "seed":
                {
                    var size = int.Parse(Option("--size") ?? "100000", CultureInfo.InvariantCulture);
                    var rows = int.Parse(Option("--attendance") ?? (size * 20L).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                    await Startup.MigrateAsync(db, log);
                    var sw = Stopwatch.StartNew();
                    // PostgreSQL takes the rows through binary COPY, SQL Server through SqlBulkCopy; SQLite through prepared INSERTs in large transactions.
                    IBulkWriterFactory? writers = db.Database.IsNpgsql() ? new NpgsqlCopyWriterFactory()
                        : db.Database.IsSqlServer() ? new SqlBulkCopyWriterFactory() : null;
                    var result = await BulkSeeder.SeedAsync(db, size, rows, sp.GetRequiredService<TimeProvider>(), new Progress<string>(Console.WriteLine), writers, CancellationToken.None);
                    Console.WriteLine($"Seeded {result.People} people and {result.AttendanceRows} attendance rows in {sw.Elapsed.TotalSeconds:F1} s.");
                    break;
                }

            case "create-admin":
                {
                    var email = Option("--email") ?? throw new ArgumentException("create-admin needs --email.");
                    var password = Option("--password") ?? Environment.GetEnvironmentVariable("TRAININGHUB_ADMIN_PASSWORD")
                        ?? throw new ArgumentException("create-admin needs --password (or TRAININGHUB_ADMIN_PASSWORD).");
                    await Startup.MigrateAsync(db, log);
                    await Startup.EnsureRolesAsync(sp.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>());
                    var outcome = await FirstAdministrator.EnsureAsync(sp, email, password, Option("--name"));
                    Console.WriteLine($"Administrator {email}: {outcome}");
                    if (outcome.StartsWith("refused", StringComparison.Ordinal))
                    {
                        Environment.ExitCode = 1;
                    }

                    break;
                }

            case "audit" when args.Length > 1 && args[1] == "verify":
                {
                    var v = await Core.Audit.VerifyAuditChain.HandleAsync(db, sp.GetRequiredService<Core.Audit.AuditSealing>(), CancellationToken.None);
                    Console.WriteLine(v.Intact
                        ? $"Audit chain intact: {v.Checked} entries checked, head at {v.LastSequence}."
                        : $"Audit chain broken: entry {v.Sequence} {v.Problem.ToString().ToLowerInvariant()} ({v.Checked} entries read, head at {v.LastSequence}).");
                    Environment.ExitCode = v.Intact ? 0 : 1;
                    break;
                }

            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: migrate [--script DIR], seed --size N, create-admin --email E --password P, audit verify.");
                Environment.ExitCode = 2;
                break;
        }

        return true;
    }

    /// <summary>Writes the schema scripts for operators who apply changes themselves: idempotent for PostgreSQL and SQL Server.</summary>
    public static void WriteScripts(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "postgres.sql"), Script(o => PostgresDatabase.Use(o, "Host=localhost"), MigrationsSqlGenerationOptions.Idempotent));
        // EF Core cannot make idempotent SQLite scripts; this one creates the schema from empty.
        File.WriteAllText(Path.Combine(dir, "sqlite.sql"), Script(o => SqliteDatabase.Use(o, "Data Source=:memory:"), MigrationsSqlGenerationOptions.Default));
        File.WriteAllText(Path.Combine(dir, "sqlserver.sql"), Script(o => SqlServerDatabase.Use(o, "Server=localhost"), MigrationsSqlGenerationOptions.Idempotent));
        Console.WriteLine($"Wrote postgres.sql (idempotent), sqlserver.sql (idempotent) and sqlite.sql (from empty) to {Path.GetFullPath(dir)}.");
    }

    private static string Script(Action<DbContextOptionsBuilder> configure, MigrationsSqlGenerationOptions options)
    {
        var builder = new DbContextOptionsBuilder<TrainingHubDbContext>();
        configure(builder);
        using var db = new TrainingHubDbContext(builder.Options);
        return db.GetService<IMigrator>().GenerateScript(options: options);
    }
}
