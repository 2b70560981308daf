using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TrainingHub.Migrations.Sqlite;

/// <summary>The one place the SQLite provider is configured, for the app and for design time alike.</summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Use(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .AddInterceptors(WriteAheadLog.Instance);

    /// <summary>
    /// Every connection, whoever opens it (the app, an operator command, a benchmark), uses the write-ahead log — readers
    /// work while one writer writes — with <c>synchronous=NORMAL</c>, SQLite's recommended pairing: a commit is appended to
    /// the log without waiting for the disk (the log is synced at checkpoints), so a killed process loses nothing and
    /// the file is never corrupted; only a power cut can undo the last commits. Without it each small commit (an outbox
    /// message marked sent, say) waits for fsync, which on a busy disk costs milliseconds.
    /// </summary>
    private sealed class WriteAheadLog : DbConnectionInterceptor
    {
        public static readonly WriteAheadLog Instance = new();

        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";

        /// <summary>A read-only connection (EF Core opens one to ask whether the file exists) cannot change the journal.</summary>
        private static bool ReadOnly(DbConnection connection) =>
            new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly;

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (ReadOnly(connection))
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (ReadOnly(connection))
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
