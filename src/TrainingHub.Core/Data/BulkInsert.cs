using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TrainingHub.Core.Data;

/// <summary>
/// Inserts many new rows of one entity type inside the context's current transaction, without the change tracker: the
/// columns, value conversions (enums as text, instants as UTC) and quoting come from the EF model, so the rows are the
/// ones SaveChanges would write. The generated key is not read back; callers find their rows by a unique key.
/// PostgreSQL: one statement per table, <c>INSERT … SELECT * FROM unnest(@c1, @c2, …)</c> with one array parameter per
/// column (sent in binary, as COPY sends rows). SQLite: one statement per table too, <c>INSERT … SELECT value->>0, … FROM
/// json_each(@rows)</c> over the rows as one JSON array, so the engine reads them without a bind per value (the time
/// other writers wait for SQLite's single writer lock). Others: multi-row statements.
/// </summary>
internal static class BulkInsert
{
    /// <summary>Below SQLite's 32 766 and PostgreSQL's 65 535 parameters; SQL Server allows 2 100.</summary>
    private const int MaxParameters = 30_000;
    private const int MaxParametersSqlServer = 2_000;
    private const int MaxRowsPerStatement = 500;

    /// <summary>
    /// A SQLite bulk insert staged ahead: the rows sit in a temporary table of the connection (<see cref="StageSqliteAsync"/>)
    /// and <see cref="MoveAsync"/> copies them into their table later, inside a short transaction.
    /// </summary>
    public sealed record Staged(string Table, string Move, int Count);

    /// <summary>
    /// SQLite: writes the rows into a temporary table of the connection, outside any transaction. A temporary table lives
    /// in the connection's own temporary database, so filling it takes no lock on the database file and other writers go
    /// on meanwhile; it vanishes with the connection (a killed process leaves nothing behind). The caller keeps the
    /// connection open from staging to moving and drops the table (<see cref="DropAsync"/>) when done. With
    /// <paramref name="withKey"/> the rows carry their own generated key (ids the caller reserved).
    /// </summary>
    public static async Task<Staged> StageSqliteAsync<T>(TrainingHubDbContext db, IReadOnlyList<T> rows, bool withKey, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => withKey || !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)));
        var stage = "temp." + sql.DelimitIdentifier("staged_" + table.Name);

        // Columns without a declared type keep each value as given; the real table's types apply when the rows move.
        await RunAsync(db, $"DROP TABLE IF EXISTS {stage}; CREATE TEMP TABLE {stage} ({names})", null, ct);
        await RunAsync(db, $"INSERT INTO {stage} ({names}) SELECT "
            + string.Join(", ", columns.Select((_, c) => string.Create(CultureInfo.InvariantCulture, $"value ->> {c}"))) + " FROM json_each(@rows) ORDER BY key",
            Json(rows, columns.Select(c => c.GetRelationalTypeMapping()).ToArray(), columns.Select(c => c.GetGetter()).ToArray()), ct);
        return new Staged(stage, $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) SELECT {names} FROM {stage} ORDER BY rowid", rows.Count);
    }

    /// <summary>Copies staged rows into their table inside the context's current transaction: one set-based statement.</summary>
    public static async Task MoveAsync(TrainingHubDbContext db, Staged staged, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(staged);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Staged rows move inside the caller's transaction.");
        }

        if (staged.Count > 0)
        {
            await RunAsync(db, staged.Move, null, ct);
        }
    }

    /// <summary>Drops a staging table (outside the transaction, or after it ended).</summary>
    public static Task DropAsync(TrainingHubDbContext db, Staged staged, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(staged);
        return RunAsync(db, $"DROP TABLE IF EXISTS {staged.Table}", null, ct);
    }

    private static async Task RunAsync(TrainingHubDbContext db, string text, string? rows, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = text;
        if (rows is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@rows";
            parameter.Value = rows;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task InsertAsync<T>(TrainingHubDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var columns = type.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToList();
        var provider = db.Database.ProviderName ?? "";
        var sqlite = provider.Contains("Sqlite", StringComparison.Ordinal);
        var limit = provider.Contains("SqlServer", StringComparison.Ordinal) ? MaxParametersSqlServer : MaxParameters;
        var perStatement = sqlite ? 1 : Math.Max(1, Math.Min(MaxRowsPerStatement, limit / columns.Count));
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToArray();
        var getters = columns.Select(c => c.GetGetter()).ToArray();
        var connection = transaction.Connection!;
        if (provider.Contains("Npgsql", StringComparison.Ordinal))
        {
            await using var unnest = connection.CreateCommand();
            unnest.Transaction = transaction;
            unnest.CommandText = head.Replace(" VALUES ", "", StringComparison.Ordinal) + " SELECT * FROM unnest("
                + string.Join(", ", columns.Select((_, c) => string.Create(CultureInfo.InvariantCulture, $"@a{c}"))) + ")";
            for (var c = 0; c < columns.Count; c++)
            {
                var parameter = unnest.CreateParameter();
                parameter.ParameterName = string.Create(CultureInfo.InvariantCulture, $"@a{c}");
                parameter.Value = Column(rows, mappings[c], getters[c]);
                unnest.Parameters.Add(parameter);
            }

            await unnest.ExecuteNonQueryAsync(ct);
            return;
        }

        if (sqlite)
        {
            await using var json = connection.CreateCommand();
            json.Transaction = transaction;
            json.CommandText = head.Replace(" VALUES ", "", StringComparison.Ordinal) + " SELECT "
                + string.Join(", ", columns.Select((_, c) => string.Create(CultureInfo.InvariantCulture, $"value ->> {c}"))) + " FROM json_each(@rows)";
            var parameter = json.CreateParameter();
            parameter.ParameterName = "@rows";
            parameter.Value = Json(rows, mappings, getters);
            json.Parameters.Add(parameter);
            await json.ExecuteNonQueryAsync(ct);
            return;
        }

        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                var command = count == perStatement ? full ??= Create(connection, transaction, head, columns, mappings, count) : Create(connection, transaction, head, columns, mappings, count);
                for (var r = 0; r < count; r++)
                {
                    var entity = rows[start + r];
                    for (var c = 0; c < columns.Count; c++)
                    {
                        command.Parameters[(r * columns.Count) + c].Value = ToDb(mappings[c], getters[c].GetClrValue(entity), sqlite);
                    }
                }

                await command.ExecuteNonQueryAsync(ct);
                if (command != full)
                {
                    await command.DisposeAsync();
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private static DbCommand Create(DbConnection connection, DbTransaction transaction, string head, List<IProperty> columns, RelationalTypeMapping[] mappings, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new StringBuilder(head, head.Length + (rows * columns.Count * 8));
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@b{(r * columns.Count) + c}");
                text.Append(c == 0 ? "" : ", ").Append(name);
                command.Parameters.Add(mappings[c].CreateParameter(command, name, null, columns[c].IsNullable));
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        return command;
    }

    /// <summary>The rows as a JSON array of arrays, each value as SQLite stores it (instants as EF Core's text, booleans as 0 or 1).</summary>
    private static string Json<T>(IReadOnlyList<T> rows, RelationalTypeMapping[] mappings, IClrPropertyGetter[] getters)
        where T : class
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                for (var c = 0; c < mappings.Length; c++)
                {
                    switch (ToDb(mappings[c], getters[c].GetClrValue(row), sqlite: true))
                    {
                        case DBNull:
                            writer.WriteNullValue();
                            break;
                        case string text:
                            writer.WriteStringValue(text);
                            break;
                        case bool flag:
                            writer.WriteNumberValue(flag ? 1 : 0);
                            break;
                        case int number:
                            writer.WriteNumberValue(number);
                            break;
                        case long number:
                            writer.WriteNumberValue(number);
                            break;
                        case var other:
                            throw new NotSupportedException($"Bulk insert of {other.GetType().Name} values on SQLite.");
                    }
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>One column's values as a typed array (nullable elements where the column is), converted as the provider stores them.</summary>
    private static Array Column<T>(IReadOnlyList<T> rows, RelationalTypeMapping mapping, IClrPropertyGetter getter)
        where T : class
    {
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        if (type.IsValueType && Nullable.GetUnderlyingType(type) is null)
        {
            type = typeof(Nullable<>).MakeGenericType(type);
        }

        var values = Array.CreateInstance(type, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var value = getter.GetClrValue(rows[i]);
            values.SetValue(value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value, i);
        }

        return values;
    }

    /// <summary>The value as the provider stores it: the model's converter applied; on SQLite, instants as EF Core writes them (ISO text).</summary>
    private static object ToDb(RelationalTypeMapping mapping, object? value, bool sqlite)
    {
        var stored = value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        return stored switch
        {
            null => DBNull.Value,
            DateTime dt when sqlite => dt.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture),
            DateOnly d when sqlite => d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture),
            _ => stored,
        };
    }
}
