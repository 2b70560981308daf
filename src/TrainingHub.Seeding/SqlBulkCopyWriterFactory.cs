using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace TrainingHub.Seeding;

/// <summary>
/// Bulk rows through SQL Server's bulk copy (<see cref="SqlBulkCopy"/>), used by the <c>seed</c> command. Rows are
/// buffered and sent every <see cref="RowsPerBatch"/> rows, each batch committed on its own, like the other writers.
/// The seeder's explicit ids go in as they are (KeepIdentity); constraints are checked, so they stay trusted.
/// </summary>
public sealed class SqlBulkCopyWriterFactory : IBulkWriterFactory
{
    public int RowsPerBatch { get; init; } = 50_000;

    public Task<IBulkTableWriter> OpenAsync(DbConnection connection, BulkTable table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var copy = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.KeepIdentity | SqlBulkCopyOptions.KeepNulls | SqlBulkCopyOptions.CheckConstraints | SqlBulkCopyOptions.FireTriggers, null)
        {
            DestinationTableName = table.Schema is null ? Bracket(table.Name) : $"{Bracket(table.Schema)}.{Bracket(table.Name)}",
            BulkCopyTimeout = 0,
        };
        var rows = new DataTable();
        foreach (var column in table.Columns)
        {
            // DateOnly travels as a DateTime into the date column.
            rows.Columns.Add(column.Name, column.ValueType == typeof(DateOnly) ? typeof(DateTime) : column.ValueType);
            copy.ColumnMappings.Add(column.Name, column.Name);
        }

        return Task.FromResult<IBulkTableWriter>(new Writer(copy, rows, RowsPerBatch));
    }

    private static string Bracket(string identifier) => $"[{identifier.Replace("]", "]]", StringComparison.Ordinal)}]";

    private sealed class Writer(SqlBulkCopy copy, DataTable rows, int rowsPerBatch) : IBulkTableWriter
    {
        private readonly int width = rows.Columns.Count;

        public async ValueTask WriteRowAsync(object?[] values, CancellationToken ct)
        {
            // The caller may pass a longer, reused array: the table's columns decide.
            var row = rows.NewRow();
            for (var i = 0; i < width; i++)
            {
                row[i] = values[i] switch
                {
                    null => DBNull.Value,
                    Enum e => e.ToString(),
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                    DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
                    var v => v,
                };
            }

            rows.Rows.Add(row);
            if (rows.Rows.Count >= rowsPerBatch)
            {
                await FlushAsync(ct);
            }
        }

        public Task CompleteAsync(CancellationToken ct) => FlushAsync(ct);

        public ValueTask DisposeAsync()
        {
            ((IDisposable)copy).Dispose();
            rows.Dispose();
            return ValueTask.CompletedTask;
        }

        private async Task FlushAsync(CancellationToken ct)
        {
            if (rows.Rows.Count == 0)
            {
                return;
            }

            await copy.WriteToServerAsync(rows, ct);
            rows.Clear();
        }
    }
}
