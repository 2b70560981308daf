using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Imports;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Imports;

/// <summary>
/// A large file end to end: N new people each enrolled once (half the seats, the rest waitlisted), then the same file
/// again. N is 300 in the regular run; TH_IMPORT_VOLUME=5000 measures the figures quoted in the README.
/// </summary>
public sealed class ImportVolumeTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task A_large_file_commits_in_one_transaction_and_its_second_import_changes_nothing()
    {
        var n = int.TryParse(Environment.GetEnvironmentVariable("TH_IMPORT_VOLUME"), CultureInfo.InvariantCulture, out var v) ? v : 300;
        var org = await ImportKit.OrganizationAsync(App);
        var offering = await Arrange.ClassAsync(App, seats: n / 2);
        var code = await ImportKit.OfferingCodeAsync(App, offering);
        var text = new StringBuilder("cpf;nome;email;orgao;cargo;matricula;turma\n");
        for (var i = 0; i < n; i++)
        {
            var cpf = Data.NewCpf();
            text.Append(CultureInfo.InvariantCulture, $"{cpf};Pessoa Importada {i:D5};p{cpf}@example.gov.br;{org.Acronym};Analista;M{i};{code}\n");
        }

        var csv = ImportKit.Csv(text.ToString());
        var watch = Stopwatch.StartNew();
        var preview = await RunAsync((db, ct) => PreviewImport.HandleAsync(db, ImportKit.Root, App.Clock, csv, ct));
        var previewTime = watch.Elapsed;
        (preview.NewPeople, preview.EnrolmentsToCreate, preview.Errors.Count).ShouldBe((n, n, 0));

        watch.Restart();
        var report = await RunAsync((db, ct) => CommitImport.HandleAsync(db, ImportKit.Root, App.Clock, csv, ct));
        var commitTime = watch.Elapsed;
        (report.Committed, report.NewPeople, report.Confirmed, report.Waitlisted).ShouldBe((true, n, n / 2, n - (n / 2)));
        (await App.WithDbAsync(db => db.Enrolments.CountAsync(e => e.OfferingId == offering))).ShouldBe(n);
        (await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == offering && e.Status == EnrolmentStatus.Waitlisted).MaxAsync(e => e.WaitlistPosition))).ShouldBe(n - (n / 2));

        var counts = await ImportKit.CountsAsync(App);
        watch.Restart();
        var again = await RunAsync((db, ct) => CommitImport.HandleAsync(db, ImportKit.Root, App.Clock, csv, ct));
        var againTime = watch.Elapsed;
        (again.NewPeople, again.UpdatedPeople, again.EnrolmentsToCreate, again.AlreadyEnrolled).ShouldBe((0, 0, 0, n));
        (await ImportKit.CountsAsync(App)).ShouldBe(counts);

        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[import volume] {ProviderName}: {n} people + {n} enrolments ({csv.Length / 1024} KB): preview {previewTime.TotalSeconds:F1} s, commit {commitTime.TotalSeconds:F1} s ({n / commitTime.TotalSeconds:F0} rows/s), same file again {againTime.TotalSeconds:F1} s"));
    }

    [Test]
    public async Task A_large_file_with_one_bad_row_at_its_end_names_that_row_and_writes_nothing()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var code = await ImportKit.OfferingCodeAsync(App, await Arrange.ClassAsync(App, seats: 10));
        var text = new StringBuilder("cpf;nome;email;orgao;turma\n");
        for (var i = 0; i < 400; i++)
        {
            var cpf = Data.NewCpf();
            text.Append(CultureInfo.InvariantCulture, $"{cpf};Pessoa Final {i:D3};f{cpf}@example.gov.br;{org.Acronym};{code}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{Data.NewCpf()};Pessoa Sem Email;;{org.Acronym};{code}\n");
        var before = await ImportKit.CountsAsync(App);

        var report = await RunAsync((db, ct) => CommitImport.HandleAsync(db, ImportKit.Root, App.Clock, ImportKit.Csv(text.ToString()), ct));

        report.Committed.ShouldBeFalse();
        report.Errors.Select(e => (e.Line, e.Column)).ShouldBe([(402, "email")], "the last line, the field named as the file names it");
        (await ImportKit.CountsAsync(App)).ShouldBe(before, "people, enrolments, audit entries and messages: nothing written");
    }

    private async Task<ImportReport> RunAsync(Func<TrainingHubDbContext, CancellationToken, Task<TrainingHub.Core.Common.Result<ImportReport>>> work)
    {
        await using var scope = App.Scope();
        var result = await work(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), CancellationToken.None);
        result.Succeeded.ShouldBeTrue();
        return result.Value!;
    }
}
