using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Imports;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Imports;

/// <summary>
/// Long work never blocks short work: while an import of 5 000 people (TH_IMPORT_VOLUME) commits, check-ins (through
/// the API), enrolments in another class and roster saves go on, and none of them waits more than a second on what the
/// import holds. The import holds locks only in its write transaction (SQLite: the database's writer lock; PostgreSQL:
/// the offering's row and the new rows), which is short because it writes in bulk. On a busy shared machine a short
/// operation can take long for want of CPU alone, so the bound is on the difference: the same operations run first
/// without the import, in the same test, give each kind's slowest time, and with the import running each kind's slowest
/// may exceed it by less than a second. On SQLite, where every writer waits for the import's whole write transaction,
/// that transaction must also stay under a second; on PostgreSQL none of the short work touches what it locks.
/// </summary>
public sealed class ImportConcurrencyTests(string provider) : OnBothDatabases(provider)
{
    private const double BoundMs = 1000;
    private const int BaselineRounds = 12;

    protected override string? Isolation => "import-concurrency";

    // SQLite has one writer, so there the import's final transaction itself must stay under the bound: its rows are
    // staged in temporary tables of its connection beforehand (no lock on the database), and the transaction only checks
    // and moves them into place with one INSERT … SELECT per table (ImportWrite.RunPreparedAsync).
    [Test]
    public async Task Check_ins_enrolments_and_roster_saves_go_on_while_a_large_import_commits()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("TH_IMPORT_VOLUME"), CultureInfo.InvariantCulture, out var v) ? v : 5000;
        var org = await ImportKit.OrganizationAsync(App);
        var imported = await Arrange.ClassAsync(App, seats: null);
        var code = await ImportKit.OfferingCodeAsync(App, imported);
        var text = new StringBuilder("cpf;nome;email;orgao;cargo;matricula;turma\n");
        for (var row = 0; row < n; row++)
        {
            var cpf = Data.NewCpf();
            text.Append(CultureInfo.InvariantCulture, $"{cpf};Pessoa Concorrente {row:D5};c{cpf}@example.gov.br;{org.Acronym};Analista;M{row};{code}\n");
        }

        var csv = ImportKit.Csv(text.ToString());

        // The short work: a live session with its window open, another class to enrol into, a roster to save.
        var live = await CheckInKit.SessionAsync(App, people: 80);
        using var instructor = await App.ApiClientAsync(live.InstructorEmail);
        await CheckInKit.OpenAsync(instructor, live.SessionId, minutes: 60);
        var checkInCode = await CheckInKit.CodeAsync(instructor, live.SessionId);
        var trainees = new Queue<HttpClient>();
        foreach (var email in live.Emails)
        {
            trainees.Enqueue(await App.ApiClientAsync(email));
        }

        var other = await Arrange.ClassAsync(App, seats: null);
        var newcomers = new Queue<int>(await Arrange.PeopleAsync(App, 400));
        var roster = await AttendanceKit.ClassAsync(App, people: 5, sessions: 1);
        var round = 0;

        async Task RoundAsync(Dictionary<string, List<double>> waits)
        {
            var watch = Stopwatch.StartNew();
            if (trainees.TryDequeue(out var trainee))
            {
                (await CheckInKit.CheckInAsync(trainee, checkInCode, live.SessionId)).EnsureSuccessStatusCode();
                waits["check-in"].Add(watch.Elapsed.TotalMilliseconds);
                trainee.Dispose();
            }

            watch.Restart();
            if (newcomers.TryDequeue(out var newcomer))
            {
                await using var scope = App.Scope();
                var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
                var enrolled = await EnrolInOffering.HandleAsync(db, ImportKit.Root, App.Clock, new EnrolRequest(other, newcomer), CancellationToken.None);
                (enrolled.Succeeded, enrolled.Value?.AlreadyEnrolled).ShouldBe((true, false));
                waits["enrolment"].Add(watch.Elapsed.TotalMilliseconds);
            }

            watch.Restart();
            await using (var scope = App.Scope())
            {
                var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
                var status = round++ % 2 == 0 ? AttendanceStatus.Present : AttendanceStatus.Absent;
                var saved = await SaveRoster.HandleAsync(db, ImportKit.Root, App.Clock, new SystemAuditActor(),
                    new SaveRosterRequest(roster.SessionIds[0], roster.People.Select(p => new RosterEntry(p, status, null)).ToList(), "concurrency test"), CancellationToken.None);
                saved.Succeeded.ShouldBeTrue(string.Join(", ", saved.Errors.Select(e => e.Code)));
            }

            waits["roster"].Add(watch.Elapsed.TotalMilliseconds);
        }

        static Dictionary<string, List<double>> NewWaits() => new() { ["check-in"] = [], ["enrolment"] = [], ["roster"] = [] };

        // The same operations without the import: what this machine gives them right now.
        var alone = NewWaits();
        for (var r = 0; r < BaselineRounds; r++)
        {
            await RoundAsync(alone);
        }

        var during = NewWaits();
        var clock = Stopwatch.StartNew();
        var import = Task.Run(async () =>
        {
            await using var scope = App.Scope();
            return await CommitImport.HandleAsync(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), ImportKit.Root, App.Clock, csv, CancellationToken.None);
        });
        while (!import.IsCompleted)
        {
            await RoundAsync(during);
        }

        var report = await import;
        var importTime = clock.Elapsed;
        report.Succeeded.ShouldBeTrue();
        (report.Value!.Committed, report.Value.NewPeople, report.Value.Confirmed).ShouldBe((true, n, n));
        while (trainees.TryDequeue(out var rest))
        {
            rest.Dispose();
        }

        static string Describe(Dictionary<string, List<double>> waits) => string.Join("; ", waits.Where(w => w.Value.Count > 0).Select(w =>
            string.Create(CultureInfo.InvariantCulture, $"{w.Key} {w.Value.Count}× max {w.Value.Max():F0} ms p50 {w.Value.Order().ElementAt(w.Value.Count / 2):F0} ms")));
        var writeMs = report.Value.WriteTime!.Value.TotalMilliseconds;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{ProviderName}: import of {n} people committed in {importTime.TotalSeconds:F1} s (write transaction {writeMs:F0} ms, load {Load()}); alone: {Describe(alone)}; during the import: {Describe(during)}");
        TestContext.Progress.WriteLine($"[import concurrency] {summary}");
        during["enrolment"].Count.ShouldBeGreaterThan(3, "the short work ran while the import committed");
        if (ProviderName == "Sqlite")
        {
            // SQLite has one writer: every short write may wait for the import's whole final transaction.
            writeMs.ShouldBeLessThan(BoundMs, summary);
        }

        foreach (var (kind, times) in during.Where(w => w.Value.Count > 0))
        {
            (times.Max() - alone[kind].Max()).ShouldBeLessThan(BoundMs, $"{kind}: {summary}");
        }

        await App.SealAuditAsync();
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    /// <summary>The machine's load average over the last minute (Linux), for the figures the test prints.</summary>
    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
