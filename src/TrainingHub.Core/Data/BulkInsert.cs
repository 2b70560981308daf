using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TrainingHub.Core.Data;

/// <summary>
/// Inserts many new rows of one entity type inside the context's current transaction, without the change tracker: the
/// columns, value conversions (enums as text, instants as UTC) and quoting come from the EF model, so the rows are the
/// ones SaveChanges would write. The generated key is not read back; callers find their rows by a unique key.
/// SQLite: one prepared single-row INSERT repeated (Microsoft.Data.Sqlite binds by name, which makes wide multi-row
/// statements slower in process); other providers: multi-row statements, which save round trips.
/// </summary>
internal static class BulkInsert
{
    /// <summary>Below SQLite's 32 766 and PostgreSQL's 65 535 parameters; SQL Server allows 2 100.</summary>
    private const int MaxParameters = 30_000;
    private const int MaxParametersSqlServer = 2_000;
    private const int MaxRowsPerStatement = 500;

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
