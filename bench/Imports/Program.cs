using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Imports;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.Seeding;

// Import commit against a plain bulk insert of the same rows, taking turns in one run. Each round: a file of N new people,
// each enrolled in a fresh class, committed by the import use case (parse, full validation, one bulk write transaction
// with the seats, the audit entries and the outbox messages), then the same N people and N enrolments written by the
// seeder's bulk writer (binary COPY on PostgreSQL, prepared INSERTs on SQLite) with nothing else. The app's services
// (migrations, audit interceptor) come from the real host, in process.
// Usage: dotnet run -c Release --project bench/Imports -- sqlite|"Host=127.0.0.1;Port=55441;Username=postgres" [people=5000] [rounds=3]
internal static class ImportBench
{
    public static async Task Main(string[] args)
    {
        var target = args.Length > 0 ? args[0] : "sqlite";
        var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var work = Directory.CreateTempSubdirectory("th-bench-imports-");
        var postgres = !string.Equals(target, "sqlite", StringComparison.OrdinalIgnoreCase);
        var database = "th_bench_imports_" + Guid.NewGuid().ToString("N")[..8];
        var cs = postgres
            ? new NpgsqlConnectionStringBuilder(target) { Database = database }.ConnectionString
            : $"Data Source={Path.Combine(work.FullName, "bench.db")}";

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !System.IO.File.Exists(Path.Combine(root.FullName, "TrainingHub.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TRAININGHUB_WEB", Path.Combine(root?.FullName ?? ".", "src", "TrainingHub.Web"));
        await using var factory = new BenchApp(postgres ? "Postgres" : "Sqlite", cs, work.FullName);
        Console.WriteLine($"{(postgres ? "PostgreSQL" : "SQLite")}, {n} people and {n} enrolments per file, {rounds} rounds, load average {Load()}");
        var services = factory.Services;
        var imports = new List<(double Commit, double Write)>();
        var references = new List<double>();
        try
        {
            var organization = await OrganizationAsync(services);
            for (var round = 0; round < rounds + 1; round++)
            {
                // Round 0 warms up (JIT, pools, caches) and is not counted.
                var importClass = await ClassAsync(services, $"BI{round}");
                var referenceClass = await ClassAsync(services, $"BR{round}");
                var file = CsvFile(n, organization.Acronym, importClass.Code, seed: (round * 2) + 1);
                GC.Collect();
                var watch = Stopwatch.StartNew();
                ImportReport report;
                await using (var scope = services.CreateAsyncScope())
                {
                    var result = await CommitImport.HandleAsync(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), Root, TimeProvider.System, file, CancellationToken.None);
                    report = result.Value ?? throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
                }

                var commit = watch.Elapsed.TotalSeconds;
                if (!report.Committed || report.NewPeople != n || report.Confirmed != n)
                {
                    throw new InvalidOperationException($"The import did not write everything: committed {report.Committed}, {report.NewPeople} people, {report.Errors.Count} errors.");
                }

                GC.Collect();
                watch.Restart();
                await ReferenceAsync(services, postgres, n, organization.Id, referenceClass.Id, seed: (round * 2) + 2);
                var reference = watch.Elapsed.TotalSeconds;
                var write = report.WriteTime!.Value.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}{(round == 0 ? " (warm-up)" : "")}: import commit {commit:0.000} s (write transaction {write:0.000} s), plain bulk insert {reference:0.000} s, ratio {reference / commit:0.00}×, load {Load()}"));
                if (round > 0)
                {
                    imports.Add((commit, write));
                    references.Add(reference);
                }
            }

            var (c, w, r) = (Median(imports.Select(i => i.Commit)), Median(imports.Select(i => i.Write)), Median(references));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median: import commit {c:0.000} s ({n / c:0} people/s; write transaction {w:0.000} s), plain bulk insert {r:0.000} s; ratio import / plain {r / c:0.00}× (goal ≥ 0.3×)"));
        }
        finally
        {
            await factory.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            if (postgres)
            {
                await using var admin = NpgsqlDataSource.Create(target);
                await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
                await drop.ExecuteNonQueryAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static readonly ReaderScope Root = new("bench-imports", null, new HashSet<string> { Roles.Administrator }, null, null);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
    }

    private static string Load() => System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>The person of row <paramref name="i"/> of file <paramref name="seed"/>: a valid CPF of its own.</summary>
    private static string CpfOf(int seed, int i) => Cpf.FromBase((seed * 1_000_000 + i).ToString("D9", CultureInfo.InvariantCulture));

    private static byte[] CsvFile(int n, string organization, string offering, int seed)
    {
        var text = new StringBuilder("cpf;nome;email;orgao;cargo;matricula;turma\n");
        for (var i = 0; i < n; i++)
        {
            var cpf = CpfOf(seed, i);
            text.Append(CultureInfo.InvariantCulture, $"{cpf};Pessoa Importada {seed}-{i:D5};p{cpf}@bench.traininghub.local;{organization};Analista;M{i};{offering}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The same rows without the import's work: people, then their enrolments (confirmed), through the seeder's writer.</summary>
    private static async Task ReferenceAsync(IServiceProvider services, bool postgres, int n, int organizationId, int offeringId, int seed)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        IBulkWriterFactory writers = postgres ? new NpgsqlCopyWriterFactory() : new InsertBatchWriterFactory(sqlite: true);
        var now = DateTime.UtcNow;
        var people = BulkTable.For(db, typeof(Person), nameof(Person.Cpf), nameof(Person.FullName), nameof(Person.NameKey), nameof(Person.Email), nameof(Person.OrganizationId),
            nameof(Person.JobTitle), nameof(Person.RegistrationNumber), nameof(Person.PreferredLanguage), nameof(Person.ReceivesOptionalEmails), nameof(Person.CreatedAt));
        var cpfs = new List<string>(n);
        await using (var writer = await writers.OpenAsync(connection, people, CancellationToken.None))
        {
            for (var i = 0; i < n; i++)
            {
                var cpf = CpfOf(seed, i);
                cpfs.Add(cpf);
                var name = $"Pessoa Importada {seed}-{i:D5}";
                await writer.WriteRowAsync([cpf, name, NameKey.For(name), $"p{cpf}@bench.traininghub.local", organizationId, "Analista", $"M{i}", Languages.Portuguese, true, now], CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        var ids = await db.People.Where(p => cpfs.Contains(p.Cpf)).Select(p => p.Id).ToListAsync();
        var enrolments = BulkTable.For(db, typeof(Enrolment), nameof(Enrolment.OfferingId), nameof(Enrolment.PersonId), nameof(Enrolment.Status),
            nameof(Enrolment.RequestedAt), nameof(Enrolment.ConfirmedAt), nameof(Enrolment.Version), nameof(Enrolment.ChosenSessions));
        await using (var writer = await writers.OpenAsync(connection, enrolments, CancellationToken.None))
        {
            foreach (var id in ids)
            {
                await writer.WriteRowAsync([offeringId, id, nameof(EnrolmentStatus.Confirmed), now, now, 1, false], CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        await db.Offerings.Where(o => o.Id == offeringId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ConfirmedCount, o => o.ConfirmedCount + ids.Count));
    }

    private static async Task<(int Id, string Acronym)> OrganizationAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var org = new Organization { Name = "Secretaria de Carga", Acronym = "SECARGA", Kind = OrganizationKind.StateAgency, CreatedAt = DateTime.UtcNow };
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        org.Path = OrganizationPaths.For(org.Id, null);
        await db.SaveChangesAsync();
        return (org.Id, org.Acronym);
    }

    private static async Task<(int Id, string Code)> ClassAsync(IServiceProvider services, string code)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var now = DateTime.UtcNow;
        var offering = new CourseClass
        {
            Code = code,
            Title = "Turma de carga " + code,
            Course = new Course { Code = "C" + code, Title = "Curso de carga", WorkloadMinutes = 240, MinAttendancePercent = 75, CreatedAt = now },
            Status = OfferingStatus.Published,
            CreatedAt = now,
            StartsOn = DateOnly.FromDateTime(now).AddDays(7),
            EndsOn = DateOnly.FromDateTime(now).AddDays(8),
        };
        db.Offerings.Add(offering);
        await db.SaveChangesAsync();
        return (offering.Id, offering.Code);
    }
}

internal sealed class BenchApp(string provider, string connectionString, string directory) : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Admin:Email", "bench-admin@bench.traininghub.local");
        builder.UseSetting("Admin:Password", "bench admin passphrase 2026");
        builder.UseSetting("Admin:Name", "Bench admin");
        builder.UseSetting("Audit:SealingKeyFile", Path.Combine(directory, "audit-sealing.key"));
        builder.UseSetting("Audit:CheckpointFile", Path.Combine(directory, "audit-checkpoints.log"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
    }
}
