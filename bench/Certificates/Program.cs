using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.Migrations.Postgres;

// Certificate issuance benchmark: the issuance job (IssueCertificates, with the audit interceptor, as the app runs it:
// snapshots, PDFs rendered on every core and stored, emails queued) for N completed enrolments on a real PostgreSQL,
// end to end, against the renderer alone on every core (the reference: as many PDFs from the same snapshots).
// Usage: dotnet run -c Release --project bench/Certificates -- "Host=127.0.0.1;Port=5432;Username=postgres" [N] [--render-all]
var server = args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("TH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres";
var count = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) ? n : 10_000;
var renderAll = args.Contains("--render-all");
var database = "th_bench_cert_" + Guid.NewGuid().ToString("N")[..8];
var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
var counter = new RoundTrips();
var time = TimeProvider.System;

TrainingHubDbContext NewContext(bool audited)
{
    var options = new DbContextOptionsBuilder<TrainingHubDbContext>();
    PostgresDatabase.Use(options, connection);
    options.AddInterceptors(counter);
    if (audited)
    {
        // As the app's contexts: emails rendered as they are queued, the audit trail written.
        options.AddInterceptors(new TrainingHub.Core.Notifications.OutboxRendering(new TrainingHub.Core.Notifications.DispatchSettings(PublicUrl: "https://traininghub.example")),
            new AuditInterceptor(new BenchActor(), time));
    }

    return new TrainingHubDbContext(options.Options);
}

try
{
    await using (var db = NewContext(audited: false))
    {
        await db.Database.MigrateAsync();
        var seed = Stopwatch.StartNew();
        await SeedAsync(db, count, time.GetUtcNow().UtcDateTime);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count} completed enrolments in {seed.Elapsed.TotalSeconds:0.0} s"));
    }

    // Both renderers warmed up first (fonts loaded, Razor's view engine built, code compiled), as in a running app and
    // as for the reference below.
    CertificateRenderer.Render(new CertificateSnapshot
    {
        HolderName = "Aquecimento",
        HolderCpfMasked = "***.000.000-**",
        Issuer = "Escola",
        Place = "Belo Horizonte",
        VerificationCode = "WARM-UP00-0000",
        VerificationUrl = "https://traininghub.example/verify/WARM-UP00-0000",
    });
    await TrainingHub.Core.Notifications.EmailRenderer.Shared.RenderAsync(new TrainingHub.Core.Certificates.Messages.CertificateIssued("Aquecimento", "Curso", "T-0", 60,
        new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 9), "WARM-UP00-0000", "https://traininghub.example/verify/WARM-UP00-0000", false), "pt-BR");

    // 1. The issuance job, end to end: read batches, build snapshots and codes, render the PDFs, insert certificates + PDFs + outbox rows + audit entries.
    GC.Collect();
    var before = Process.GetCurrentProcess().WorkingSet64;
    counter.Reset();
    var sw = Stopwatch.StartNew();
    IssueOutcome outcome;
    await using (var db = NewContext(audited: true))
    {
        outcome = await IssueCertificates.HandleAsync(db, time, new IssueSettings { PublicUrl = "https://traininghub.example" }, null, CancellationToken.None);
    }

    var issueSeconds = sw.Elapsed.TotalSeconds;
    var trips = counter.Count;
    Process.GetCurrentProcess().Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"issuance: {outcome.Issued} certificates in {issueSeconds:0.00} s ({outcome.Issued / issueSeconds:0} /s), {outcome.Batches} batches, {trips} round trips ({(double)trips / Math.Max(1, outcome.Issued):0.000} per certificate), working set before {before / 1048576} MB, peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB"));

    // Every certificate issued has its PDF stored, and it is the PDF its snapshot renders to.
    List<string> snapshots;
    int stored;
    await using (var db = NewContext(audited: false))
    {
        stored = await db.CertificateDocuments.CountAsync();
        var first = await db.Certificates.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.SnapshotJson, c.Document!.Content }).FirstAsync();
        if (!CertificateRenderer.Render(CertificateSnapshot.FromJson(first.SnapshotJson)).AsSpan().SequenceEqual(first.Content))
        {
            throw new InvalidOperationException("the stored PDF is not the one its snapshot renders to");
        }

        snapshots = await db.Certificates.AsNoTracking().OrderBy(c => c.Id).Take(renderAll ? count : 2000).Select(c => c.SnapshotJson).ToListAsync();
    }

    Console.WriteLine($"stored PDFs: {stored} of {outcome.Issued} certificates");

    // 2. The reference: the renderer alone over snapshots the job stored, on every core as the job renders (and, for the
    // record, on one core).
    CertificateRenderer.Render(CertificateSnapshot.FromJson(snapshots[0]));
    sw.Restart();
    long bytes = 0;
    Parallel.ForEach(snapshots, json => Interlocked.Add(ref bytes, CertificateRenderer.Render(CertificateSnapshot.FromJson(json)).Length));
    var renderSeconds = sw.Elapsed.TotalSeconds;
    var pdfsPerSecond = snapshots.Count / renderSeconds;
    var single = snapshots.Take(Math.Min(300, snapshots.Count)).ToList();
    sw.Restart();
    foreach (var json in single)
    {
        CertificateRenderer.Render(CertificateSnapshot.FromJson(json));
    }

    var msPerPdf = sw.Elapsed.TotalMilliseconds / single.Count;
    Process.GetCurrentProcess().Refresh();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"renderer alone: {snapshots.Count} PDFs in {renderSeconds:0.00} s ({pdfsPerSecond:0.0} PDFs/s on {Environment.ProcessorCount} cores, {bytes / snapshots.Count / 1024} KB each); one core {msPerPdf:0.0} ms per PDF; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MB"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ratio: issued and rendered {outcome.Issued / issueSeconds:0.0} /s against the renderer alone {pdfsPerSecond:0.0} /s: {outcome.Issued / issueSeconds / pdfsPerSecond:0.00}; all {outcome.Issued} issued and rendered in {issueSeconds:0} s"));
    return outcome.Issued == count && stored == count ? 0 : 1;
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
    await drop.ExecuteNonQueryAsync();
}

static async Task SeedAsync(TrainingHubDbContext db, int count, DateTime now)
{
    var org = new Organization { Name = "Secretaria de Estado de Planejamento e Gestão", Acronym = "SEPLAG", Kind = OrganizationKind.StateAgency, Cnpj = "05461142000170", CreatedAt = now };
    db.Organizations.Add(org);
    await db.SaveChangesAsync();
    org.Path = OrganizationPaths.For(org.Id, null);
    var programme = new Programme { Code = "BENCH", Name = "Programa de Benchmark", OwnerOrganizationId = org.Id, CreatedAt = now };
    db.Programmes.Add(programme);
    var course = new Course { Code = "BENCH-C", Title = "Gestão de Políticas Públicas", WorkloadMinutes = 1200, Modality = Modality.Online, Syllabus = string.Join('\n', Enumerable.Range(1, 8).Select(i => $"Módulo {i} — conteúdo programático do módulo {i}")), Programme = programme, CreatedAt = now };
    var today = DateOnly.FromDateTime(now);
    var offering = new CourseClass { Code = "BENCH-T1", Title = "Turma de benchmark", Course = course, Programme = programme, StartsOn = today.AddDays(-60), EndsOn = today.AddDays(-1), Status = OfferingStatus.Closed, CreatedAt = now };
    db.Offerings.Add(offering);
    db.CertificateSettings.Add(new CertificateSettings { Programme = programme, Issuer = org.Name, IssuerCnpj = "05.461.142/0001-70", Place = "Belo Horizonte", Signatories = "Helena Prado | Subsecretária\nRicardo Turano | Coordenador", UpdatedAt = now });
    await db.SaveChangesAsync();
    for (var start = 0; start < count; start += 2000)
    {
        var people = Enumerable.Range(start, Math.Min(2000, count - start)).Select(i => new Person
        {
            Cpf = Cpf.FromBase((100_000_000 + i).ToString(CultureInfo.InvariantCulture)),
            FullName = $"Servidora de Benchmark Conceição {i:D5}",
            Email = $"bench{i}@example.gov.br",
            OrganizationId = org.Id,
            CreatedAt = now,
        }).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        db.Enrolments.AddRange(people.Select(p => new Enrolment { OfferingId = offering.Id, PersonId = p.Id, Status = EnrolmentStatus.Completed, RequestedAt = now, CompletedAt = now }));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}

/// <summary>Counts database round trips: every command (a batch of statements is one) and every commit or rollback.</summary>
internal sealed class RoundTrips : DbCommandInterceptor, IDbTransactionInterceptor
{
    private int count;

    public int Count => count;

    public void Reset() => count = 0;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) => result;

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result) => result;

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result) => result;

    public ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Interlocked.Increment(ref count);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public InterceptionResult TransactionRollingBack(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Interlocked.Increment(ref count);
        return result;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
    }

    public ValueTask<InterceptionResult> TransactionRollingBackAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return ValueTask.FromResult(result);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;

    public void CreatedSavepoint(DbTransaction transaction, TransactionEventData eventData)
    {
    }

    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public Task CreatedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public InterceptionResult RollingBackToSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;

    public void RolledBackToSavepoint(DbTransaction transaction, TransactionEventData eventData)
    {
    }

    public ValueTask<InterceptionResult> RollingBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public Task RolledBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public InterceptionResult ReleasingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) => result;

    public void ReleasedSavepoint(DbTransaction transaction, TransactionEventData eventData)
    {
    }

    public ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(result);

    public Task ReleasedSavepointAsync(DbTransaction transaction, TransactionEventData eventData, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
    }

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

internal sealed class BenchActor : IAuditActor
{
    public string? UserId => null;

    public string Name => "system";

    public string? Reason { get; set; }
}
