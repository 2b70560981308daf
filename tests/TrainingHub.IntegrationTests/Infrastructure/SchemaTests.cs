using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using TrainingHub.Core.Data;

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>The schema the migrations built is the schema the model describes: tables, columns, nullability, keys, indexes, checks.</summary>
public sealed class SchemaTests(string provider) : OnBothDatabases(provider)
{
    private sealed record DbSchema(HashSet<string> Columns, HashSet<string> NotNull, HashSet<string> Indexes, HashSet<string> Constraints);

    [Test]
    public async Task The_migrated_schema_equals_the_model()
    {
        await App.WithDbAsync(async db =>
        {
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            db.Database.HasPendingModelChanges().ShouldBeFalse("the model changed without a migration");
            var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
            var actual = await ReadSchemaAsync(db);
            var missing = new List<string>();
            foreach (var table in model.Tables)
            {
                foreach (var column in table.Columns)
                {
                    var key = $"{table.Name}.{column.Name}";
                    if (!actual.Columns.Contains(key))
                    {
                        missing.Add("column " + key);
                    }
                    else if (column.IsNullable == actual.NotNull.Contains(key))
                    {
                        missing.Add($"nullability of {key} (model: {(column.IsNullable ? "NULL" : "NOT NULL")})");
                    }
                }

                missing.AddRange(table.Indexes.Where(i => !actual.Indexes.Contains(i.Name)).Select(i => "index " + i.Name));
                missing.AddRange(table.CheckConstraints.Where(c => !actual.Constraints.Contains(c.Name!)).Select(c => "check " + c.Name));
                if (ProviderName is "Postgres" or "SqlServer")
                {
                    missing.AddRange(table.ForeignKeyConstraints.Where(f => !actual.Constraints.Contains(f.Name)).Select(f => "foreign key " + f.Name));
                    missing.AddRange(table.UniqueConstraints.Where(u => !actual.Constraints.Contains(u.Name)).Select(u => "key " + u.Name));
                }
            }

            var modelColumns = model.Tables.SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name}")).ToHashSet();
            var extra = actual.Columns.Where(c => !modelColumns.Contains(c) && !c.StartsWith("__EFMigrations", StringComparison.Ordinal)
                && !c.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase)).ToList();
            missing.ShouldBeEmpty();
            extra.ShouldBeEmpty("columns in the database that the model does not know");
            return true;
        });
    }

    [Test]
    public async Task Invariants_are_enforced_by_the_database_itself()
    {
        // Two attendance rows for one person and session, bypassing the application: the database refuses.
        await App.WithDbAsync(async db =>
        {
            var row = await db.AttendanceRecords.AsNoTracking().FirstAsync();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO \"AttendanceRecords\" (\"SessionId\", \"PersonId\", \"Status\", \"Source\", \"RecordedAt\") VALUES (@s, @p, 'Present', 'Roster', @t)";
            Add(cmd, "@s", row.SessionId);
            Add(cmd, "@p", row.PersonId);
            Add(cmd, "@t", DateTime.UtcNow);
            await Should.ThrowAsync<DbException>(() => cmd.ExecuteNonQueryAsync());

            cmd.Parameters.Clear();
            cmd.CommandText = "UPDATE \"Offerings\" SET \"ConfirmedCount\" = \"Seats\" + 1 WHERE \"Seats\" IS NOT NULL";
            await Should.ThrowAsync<DbException>(() => cmd.ExecuteNonQueryAsync());
            return true;
        });
    }

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    private async Task<DbSchema> ReadSchemaAsync(TrainingHubDbContext db)
    {
        var s = new DbSchema([], [], [], []);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        async Task Read(string sql, Action<DbDataReader> row)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                row(r);
            }
        }

        if (ProviderName == "Postgres")
        {
            await Read("SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'", r =>
            {
                var key = $"{r.GetString(0)}.{r.GetString(1)}";
                s.Columns.Add(key);
                if (r.GetString(2) == "NO")
                {
                    s.NotNull.Add(key);
                }
            });
            await Read("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'", r => s.Indexes.Add(r.GetString(0)));
            await Read("SELECT conname FROM pg_constraint", r => s.Constraints.Add(r.GetString(0)));
        }
        else if (ProviderName == "SqlServer")
        {
            await Read("SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'dbo'", r =>
            {
                var key = $"{r.GetString(0)}.{r.GetString(1)}";
                s.Columns.Add(key);
                if (r.GetString(2) == "NO")
                {
                    s.NotNull.Add(key);
                }
            });
            await Read("SELECT name FROM sys.indexes WHERE name IS NOT NULL", r => s.Indexes.Add(r.GetString(0)));
            await Read("SELECT name FROM sys.objects WHERE type IN ('C', 'F', 'PK', 'UQ')", r => s.Constraints.Add(r.GetString(0)));
        }
        else
        {
            var tables = new List<(string Name, string Sql)>();
            await Read("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", r => tables.Add((r.GetString(0), r.GetString(1))));
            foreach (var (name, sql) in tables)
            {
                await Read($"SELECT name, \"notnull\", pk FROM pragma_table_info('{name}')", r =>
                {
                    var key = $"{name}.{r.GetString(0)}";
                    s.Columns.Add(key);
                    if (r.GetInt64(1) == 1 || r.GetInt64(2) > 0)
                    {
                        s.NotNull.Add(key);
                    }
                });
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(sql, "CONSTRAINT \"([^\"]+)\""))
                {
                    s.Constraints.Add(m.Groups[1].Value);
                }
            }

            await Read("SELECT name FROM sqlite_master WHERE type = 'index'", r => s.Indexes.Add(r.GetString(0)));
        }

        return s;
    }
}
