using Microsoft.EntityFrameworkCore;

namespace TrainingHub.Migrations.SqlServer;

/// <summary>The one place the SQL Server provider is configured for the app and for design time alike.</summary>
public static class SqlServerDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, o => o.MigrationsAssembly(typeof(SqlServerDatabase).Assembly.GetName().Name));
}
