using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using TrainingHub.Core.Data;
using TrainingHub.Migrations.Postgres;
using TrainingHub.Migrations.Sqlite;
using TrainingHub.Migrations.SqlServer;

namespace TrainingHub.Migrations.Design;

/// <summary>
/// Builds the context for dotnet-ef. The provider comes after "--": <c>-- --provider Postgres</c>. Connection strings
/// are placeholders: adding migrations and writing scripts never connects.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<TrainingHubDbContext>
{
    public TrainingHubDbContext CreateDbContext(string[] args)
    {
        var i = Array.IndexOf(args, "--provider");
        var provider = i >= 0 && i + 1 < args.Length ? args[i + 1] : "Sqlite";
        var options = new DbContextOptionsBuilder<TrainingHubDbContext>();
        _ = provider switch
        {
            "Sqlite" => SqliteDatabase.Use(options, "Data Source=design.db"),
            "Postgres" => PostgresDatabase.Use(options, "Host=localhost;Database=traininghub"),
            "SqlServer" => SqlServerDatabase.Use(options, "Server=localhost;Database=TrainingHub;TrustServerCertificate=true"),
            _ => throw new ArgumentException($"Unknown provider '{provider}': use Sqlite, Postgres or SqlServer."),
        };
        return new TrainingHubDbContext(options.Options);
    }
}
