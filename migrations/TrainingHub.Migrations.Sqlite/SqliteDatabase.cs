using Microsoft.EntityFrameworkCore;

namespace TrainingHub.Migrations.Sqlite;

/// <summary>The one place the SQLite provider is configured, for the app and for design time alike.</summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name));
}
