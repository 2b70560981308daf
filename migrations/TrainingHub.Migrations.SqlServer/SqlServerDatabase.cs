using Microsoft.EntityFrameworkCore;

namespace TrainingHub.Migrations.SqlServer;

/// <summary>The one place the SQL Server provider is configured (design time and DDL generation only on this machine).</summary>
public static class SqlServerDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, o => o.MigrationsAssembly(typeof(SqlServerDatabase).Assembly.GetName().Name));
}
