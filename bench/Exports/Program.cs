using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Core.Reports;
using TrainingHub.Migrations.Postgres;
using TrainingHub.Seeding;

// The attendance-level report exported as CSV by our streaming writer, against PostgreSQL's own
// COPY (same query) TO STDOUT WITH CSV read through Npgsql, in the same run on the same data.
var server = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("TH_BENCH_POSTGRES")
    ?? "Host=127.0.0.1;Port=5432;Username=postgres";
var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var cs = new NpgsqlConnectionStringBuilder(server) { Database = $"th_bench_exports_{size}", CommandTimeout = 0 }.ConnectionString;
var options = PostgresDatabase.Use(new DbContextOptionsBuilder<TrainingHubDbContext>(), cs).Options;

await using (var db = new TrainingHubDbContext((DbContextOptions<TrainingHubDbContext>)options))
{
    await db.Database.MigrateAsync();
    if (!await db.AttendanceRecords.AnyAsync())
    {
        var sw = Stopwatch.StartNew();
        var seeded = await BulkSeeder.SeedAsync(db, size, size * 20, TimeProvider.System, new Progress<string>(Console.WriteLine), new NpgsqlCopyWriterFactory(), CancellationToken.None);
        Console.WriteLine($"seeded {seeded.People:N0} people, {seeded.AttendanceRows:N0} attendance rows in {sw.Elapsed.TotalSeconds:F1} s");
    }

    await db.Database.ExecuteSqlRawAsync("ANALYZE");
}

var scope = new ReaderScope("bench", null, new HashSet<string> { Roles.Auditor }, null, null);
var request = new ReportRequest(ReportKind.AttendanceRows, new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
var context = new ExportContext(k => k, "bench", DateTime.UtcNow, CultureInfo.InvariantCulture);

for (var round = 1; round <= 2; round++)
{
    // Reference: PostgreSQL's COPY of the very SQL EF Core sends for the export (parameters inlined).
    string sql;
    long copyRows = 0, copyChars = 0;
    TimeSpan copyTime;
    await using (var db = new TrainingHubDbContext((DbContextOptions<TrainingHubDbContext>)options))
    {
        var facts = await ReportFacts.QueryAsync(db, scope, request, request.From!.Value, request.To!.Value, CancellationToken.None);
        sql = Inline(AttendanceRowsReport.Query(facts)
            .Select(r => new { r.SessionStartsAt, r.PersonName, r.PersonCpf, r.OrganizationName, r.ProgrammeCode, r.OfferingCode, r.SessionMinutes, r.CreditedMinutes })
            .ToQueryString());
    }

    await using (var connection = new NpgsqlConnection(cs))
    {
        await connection.OpenAsync();
        var sw = Stopwatch.StartNew();
        using var reader = await connection.BeginTextExportAsync($"COPY ({sql}) TO STDOUT WITH CSV");
        var buffer = new char[1 << 16];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            copyChars += n;
            copyRows += buffer.AsSpan(0, n).Count('\n');
        }

        copyTime = sw.Elapsed;
    }

    // Ours: the report's rows streamed through ReportCsv into a sink that only counts bytes.
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    using var process = Process.GetCurrentProcess();
    process.Refresh();
    var baselineRss = process.WorkingSet64;
    var baselineHeap = GC.GetTotalMemory(false);
    long peakRss = baselineRss, peakHeap = baselineHeap;
    using var stop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            process.Refresh();
            peakRss = Math.Max(peakRss, process.WorkingSet64);
            peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            await Task.Delay(20);
        }
    });
    var sink = new CountingStream();
    TimeSpan ourTime;
    int ourRows;
    await using (var db = new TrainingHubDbContext((DbContextOptions<TrainingHubDbContext>)options))
    {
        var sw = Stopwatch.StartNew();
        var data = await AttendanceRowsReport.HandleAsync(db, scope, TimeProvider.System, request, CancellationToken.None);
        await ReportCsv.WriteAsync(data, context, sink, CancellationToken.None);
        ourTime = sw.Elapsed;
        ourRows = data.RowCount;
    }

    await stop.CancelAsync();
    await sampler;
    var oursPerSecond = ourRows / ourTime.TotalSeconds;
    var copyPerSecond = copyRows / copyTime.TotalSeconds;
    Console.WriteLine($"round {round}: COPY {copyRows:N0} rows in {copyTime.TotalSeconds:F2} s = {copyPerSecond:N0} rows/s ({copyChars / 1048576.0:F0} MB of text)");
    Console.WriteLine($"round {round}: ours {ourRows:N0} rows in {ourTime.TotalSeconds:F2} s = {oursPerSecond:N0} rows/s ({sink.Length / 1048576.0:F0} MB, includes the count and total queries)");
    Console.WriteLine($"round {round}: ratio ours/COPY = {oursPerSecond / copyPerSecond:F2} (target >= 0.50); peak growth: working set {(peakRss - baselineRss) / 1048576.0:F0} MB, managed heap {(peakHeap - baselineHeap) / 1048576.0:F0} MB (target < 200 MB)");
}

static string Inline(string efSql)
{
    // ToQueryString puts parameters first as "-- @name='value' (DbType = …)"; COPY takes no parameters.
    var lines = efSql.Split('\n');
    var values = new Dictionary<string, string>();
    foreach (var line in lines.Where(l => l.StartsWith("-- @", StringComparison.Ordinal)))
    {
        var m = Regex.Match(line, @"^-- (@\w+)='([^']*)'(?: \(DbType = (\w+)\))?");
        if (m.Success)
        {
            var type = m.Groups[3].Value;
            values[m.Groups[1].Value] = type is "DateTime" or "DateTime2" ? $"'{m.Groups[2].Value}'::timestamptz" : $"'{m.Groups[2].Value}'";
        }
    }

    var body = string.Join('\n', lines.Where(l => !l.StartsWith("-- ", StringComparison.Ordinal)));
    foreach (var (name, value) in values.OrderByDescending(v => v.Key.Length))
    {
        body = body.Replace(name, value, StringComparison.Ordinal);
    }

    return body.Trim().TrimEnd(';');
}

internal sealed class CountingStream : Stream
{
    private long length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;
    public override long Position { get => length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => length += count;
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        length += buffer.Length;
        return ValueTask.CompletedTask;
    }
}
