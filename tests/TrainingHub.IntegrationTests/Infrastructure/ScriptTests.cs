using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>migrate --script: the SQL operators apply themselves builds the same schema, and applying it twice is harmless.</summary>
public sealed class ScriptTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task The_written_scripts_build_the_schema_and_the_idempotent_ones_can_run_twice()
    {
        var dir = Path.Combine(Path.GetTempPath(), "th-scripts-" + Guid.NewGuid().ToString("N"));
        Commands.WriteScripts(dir);
        try
        {
            foreach (var file in new[] { "postgres.sql", "sqlserver.sql", "sqlite.sql" })
            {
                File.ReadAllText(Path.Combine(dir, file)).ShouldContain("CREATE TABLE", customMessage: file);
            }

            File.ReadAllText(Path.Combine(dir, "sqlserver.sql")).ShouldContain("IF NOT EXISTS");
            if (ProviderName == "Postgres")
            {
                await ApplyPostgresScriptTwiceAsync(File.ReadAllText(Path.Combine(dir, "postgres.sql")));
            }
            else if (ProviderName == "SqlServer")
            {
                await ApplySqlServerScriptTwiceAsync(File.ReadAllText(Path.Combine(dir, "sqlserver.sql")));
            }
            else
            {
                await ApplySqliteScriptAsync(File.ReadAllText(Path.Combine(dir, "sqlite.sql")), dir);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private async Task ApplyPostgresScriptTwiceAsync(string script)
    {
        var builder = new NpgsqlConnectionStringBuilder(App.ConnectionString) { Database = "th_script_" + Guid.NewGuid().ToString("N")[..10] };
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(App.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{builder.Database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            for (var run = 0; run < 2; run++)
            {
                await using var conn = new NpgsqlConnection(builder.ConnectionString);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand(script, conn);
                await cmd.ExecuteNonQueryAsync();
            }

            await AssertNothingPendingAsync(o => TrainingHub.Migrations.Postgres.PostgresDatabase.Use(o, builder.ConnectionString));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(App.ConnectionString) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The script's batches are separated by GO lines, which only tools understand: each is sent on its own.</summary>
    private async Task ApplySqlServerScriptTwiceAsync(string script)
    {
        var builder = new SqlConnectionStringBuilder(App.ConnectionString) { InitialCatalog = "th_script_" + Guid.NewGuid().ToString("N")[..10] };
        var master = new SqlConnectionStringBuilder(App.ConnectionString) { InitialCatalog = "master" }.ConnectionString;
        await using (var admin = new SqlConnection(master))
        {
            await admin.OpenAsync();
            await using var create = new SqlCommand($"CREATE DATABASE [{builder.InitialCatalog}]", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            var batches = System.Text.RegularExpressions.Regex.Split(script, @"^\s*GO\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)
                .Where(b => !string.IsNullOrWhiteSpace(b)).ToList();
            for (var run = 0; run < 2; run++)
            {
                await using var conn = new SqlConnection(builder.ConnectionString);
                await conn.OpenAsync();
                foreach (var batch in batches)
                {
                    await using var cmd = new SqlCommand(batch, conn);
                    await cmd.ExecuteNonQueryAsync();
                }
            }

            await AssertNothingPendingAsync(o => TrainingHub.Migrations.SqlServer.SqlServerDatabase.Use(o, builder.ConnectionString));
        }
        finally
        {
            SqlConnection.ClearAllPools();
            await using var admin = new SqlConnection(master);
            await admin.OpenAsync();
            await using var drop = new SqlCommand($"ALTER DATABASE [{builder.InitialCatalog}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{builder.InitialCatalog}]", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task ApplySqliteScriptAsync(string script, string dir)
    {
        var cs = $"Data Source={Path.Combine(dir, "script.db")};Pooling=false";
        await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = script;
            await cmd.ExecuteNonQueryAsync();
        }

        await AssertNothingPendingAsync(o => TrainingHub.Migrations.Sqlite.SqliteDatabase.Use(o, cs));
    }

    private static async Task AssertNothingPendingAsync(Action<DbContextOptionsBuilder> configure)
    {
        var options = new DbContextOptionsBuilder<TrainingHub.Core.Data.TrainingHubDbContext>();
        configure(options);
        await using var db = new TrainingHub.Core.Data.TrainingHubDbContext(options.Options);
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.People.CountAsync()).ShouldBe(0);
        (await db.AuditChainHeads.SingleAsync()).LastSequence.ShouldBe(0, "the chain head is seeded by the script");
    }
}
