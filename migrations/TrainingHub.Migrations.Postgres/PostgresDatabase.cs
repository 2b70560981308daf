using Microsoft.EntityFrameworkCore;

namespace TrainingHub.Migrations.Postgres;

/// <summary>The one place the PostgreSQL provider is configured, for the app and for design time alike.</summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));
}
