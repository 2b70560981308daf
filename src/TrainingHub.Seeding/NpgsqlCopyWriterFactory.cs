using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace TrainingHub.Seeding;

/// <summary>Bulk rows through PostgreSQL's binary COPY: the fastest way in, used by the <c>seed</c> command.</summary>
public sealed class NpgsqlCopyWriterFactory : IBulkWriterFactory
{
    public async Task<IBulkTableWriter> OpenAsync(DbConnection connection, BulkTable table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var columns = string.Join(", ", table.Columns.Select(c => BulkTable.Quote(c.Name)));
        var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync($"COPY {table.QuotedName} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        // Finishing a COPY of millions of rows (the server checks keys and builds index entries) takes longer than a
        // command's 30 s on a busy machine: `seed --size 100000` failed there at 2 000 000 attendance rows.
        importer.Timeout = CopyTimeout;
        return new Writer(importer, table.Columns.Select(c => TypeOf(c.ValueType)).ToArray());
    }

    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(30);

    private static NpgsqlDbType TypeOf(Type t) =>
        (Nullable.GetUnderlyingType(t) ?? t) switch
        {
            var x when x == typeof(int) => NpgsqlDbType.Integer,
            var x when x == typeof(long) => NpgsqlDbType.Bigint,
            var x when x == typeof(bool) => NpgsqlDbType.Boolean,
            var x when x == typeof(DateTime) => NpgsqlDbType.TimestampTz,
            var x when x == typeof(DateOnly) => NpgsqlDbType.Date,
            _ => NpgsqlDbType.Text,
        };

    private sealed class Writer(NpgsqlBinaryImporter importer, NpgsqlDbType[] types) : IBulkTableWriter
    {
        public async ValueTask WriteRowAsync(object?[] values, CancellationToken ct)
        {
            await importer.StartRowAsync(ct);
            // The caller may pass a longer, reused array: the table's columns decide.
            for (var i = 0; i < types.Length; i++)
            {
                switch (values[i])
                {
                    case null:
                        await importer.WriteNullAsync(ct);
                        break;
                    case DateTime d:
                        await importer.WriteAsync(DateTime.SpecifyKind(d, DateTimeKind.Utc), types[i], ct);
                        break;
                    case Enum e:
                        await importer.WriteAsync(e.ToString(), NpgsqlDbType.Text, ct);
                        break;
                    case var v:
                        await importer.WriteAsync(v, types[i], ct);
                        break;
                }
            }
        }

        public async Task CompleteAsync(CancellationToken ct) => await importer.CompleteAsync(ct);

        public ValueTask DisposeAsync() => importer.DisposeAsync();
    }
}
