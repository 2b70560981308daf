using Microsoft.EntityFrameworkCore;
using TrainingHub.Migrations.Postgres;
using TrainingHub.Migrations.Sqlite;
using TrainingHub.Migrations.SqlServer;

namespace TrainingHub.Web.Infrastructure;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>
/// <c>Database:Provider</c> and <c>Database:ConnectionString</c> (environment: <c>Database__Provider</c>,
/// <c>Database__ConnectionString</c>). SQLite is the embedded default; its file is <c>data/traininghub.db</c> under
/// the content root unless a connection string says otherwise.
/// </summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }

    public static DatabaseOptions From(IConfiguration configuration, string contentRoot)
    {
        var options = new DatabaseOptions();
        var provider = configuration["Database:Provider"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            if (!Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var p))
            {
                throw new InvalidOperationException($"Database:Provider '{provider}' is not known. Use Sqlite (default), Postgres or SqlServer.");
            }

            options.Provider = p;
        }

        options.ConnectionString = configuration["Database:ConnectionString"];
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (options.Provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("Database:ConnectionString is required for Postgres (for example Host=127.0.0.1;Database=traininghub;Username=...;Password=...).");
            }

            if (options.Provider == DatabaseProvider.SqlServer)
            {
                throw new InvalidOperationException("Database:ConnectionString is required for SqlServer (for example Server=127.0.0.1;Database=traininghub;User Id=...;Password=...;Encrypt=true).");
            }

            var dir = Path.Combine(contentRoot, "data");
            Directory.CreateDirectory(dir);
            options.ConnectionString = $"Data Source={Path.Combine(dir, "traininghub.db")}";
        }

        return options;
    }

    public void Apply(DbContextOptionsBuilder builder)
    {
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => SqliteDatabase.Use(builder, ConnectionString!),
            DatabaseProvider.Postgres => PostgresDatabase.Use(builder, ConnectionString!),
            DatabaseProvider.SqlServer => SqlServerDatabase.Use(builder, ConnectionString!),
            _ => throw new InvalidOperationException($"Provider {Provider} is not known."),
        };
    }
}
