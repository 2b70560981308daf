using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Imports;

/// <summary>
/// Background imports: the progress page and its status, and a run that is safe to run twice, to run while another
/// worker has it, and to take over after a worker was killed. These call the job's use case directly on runs nobody
/// enqueued, so the host's own worker does not race them.
/// </summary>
public sealed class ImportRunTests(string provider) : OnBothDatabases(provider)
{
    private async Task<(Guid Id, byte[] File, string Cpf)> QueuedRunAsync()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var cpf = Data.NewCpf();
        var file = ImportKit.Csv($"cpf;nome;email;orgao\n{cpf};Pessoa em Fila;f{cpf}@example.gov.br;{org.Acronym}\n");
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var started = await StartImport.HandleAsync(db, ImportKit.Root, new SystemAuditActor(), App.Clock, "fila.csv", file, CancellationToken.None);
        started.Succeeded.ShouldBeTrue();
        return (started.Value, file, cpf);
    }

    private Task<ImportRunStatus?> RunAsync(Guid id) =>
        App.WithDbAsync(db => RunImport.HandleAsync(db, App.Clock, id, null, CancellationToken.None));

    private Task<int> PeopleWithAsync(string cpf) => App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf));

    [Test]
    public async Task A_queued_run_shows_its_progress_page_then_its_result_and_a_second_job_writes_nothing_more()
    {
        var (id, _, cpf) = await QueuedRunAsync();
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var (status, page) = await browser.GetPageAsync($"/imports/runs/{id:N}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Importação em andamento");
        page.QuerySelector("[data-testid=run-status]")!.TextContent.ShouldBe("Aguardando o início…");
        page.QuerySelector("progress[data-testid=run-bar]")!.GetAttribute("value").ShouldBe("0");
        page.QuerySelector("noscript meta[http-equiv=refresh]").ShouldNotBeNull("without JavaScript the page refreshes itself");
        page.QuerySelector("[data-import-run]")!.GetAttribute("data-import-run").ShouldBe($"/imports/runs/{id:N}/status");
        var (_, english) = await browser.GetPageAsync($"/imports/runs/{id:N}?culture=en");
        english.QuerySelector("h1")!.TextContent.ShouldBe("Import in progress");

        (await RunAsync(id)).ShouldBe(ImportRunStatus.Succeeded);
        (await PeopleWithAsync(cpf)).ShouldBe(1);
        var done = await ImportKit.WaitForRunAsync(browser.Client, $"/imports/runs/{id:N}/status");
        (done.GetProperty("status").GetString(), done.GetProperty("percent").GetInt32()).ShouldBe(("Succeeded", 100));
        (_, page) = await browser.GetPageAsync($"/imports/runs/{id:N}");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Importação concluída");

        // A retried or duplicated job finds the run finished: nothing is written twice.
        var before = await ImportKit.CountsAsync(App);
        (await RunAsync(id)).ShouldBe(ImportRunStatus.Succeeded);
        (await ImportKit.CountsAsync(App)).ShouldBe(before);
        (await App.WithDbAsync(db => db.ImportRuns.Where(r => r.Id == id).Select(r => r.Attempts).SingleAsync())).ShouldBe(1);
    }

    [Test]
    public async Task A_run_another_worker_holds_is_left_alone_and_one_whose_worker_was_killed_is_taken_over()
    {
        var (id, _, cpf) = await QueuedRunAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;

        // Another worker is checking its rows (its heartbeat is fresh): a duplicate job leaves it alone.
        await App.WithDbAsync(db => db.ImportRuns.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, ImportRunStatus.Writing).SetProperty(r => r.Attempts, 1).SetProperty(r => r.HeartbeatAt, now)));
        (await RunAsync(id)).ShouldBe(ImportRunStatus.Writing);
        (await PeopleWithAsync(cpf)).ShouldBe(0);

        // That worker was killed mid-write (its transaction, so nothing, was lost): once its heartbeat is old, the next attempt resumes the run.
        App.Clock.Offset += RunImport.Abandoned + TimeSpan.FromMinutes(1);
        (await RunAsync(id)).ShouldBe(ImportRunStatus.Succeeded);
        (await PeopleWithAsync(cpf)).ShouldBe(1);
        (await App.WithDbAsync(db => db.ImportRuns.Where(r => r.Id == id).Select(r => r.Attempts).SingleAsync())).ShouldBe(2);
    }

    [Test]
    public async Task A_run_whose_file_has_row_errors_fails_with_them_and_writes_nothing()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var file = ImportKit.Csv($"cpf;nome;email;orgao\n{Data.NewCpf()};Boa;b@example.gov.br;{org.Acronym}\n123.456.789-00;Ruim;r@example.gov.br;{org.Acronym}\n");
        var before = await ImportKit.CountsAsync(App);
        var id = await App.WithDbAsync(async db => (await StartImport.HandleAsync(db, ImportKit.Root, new SystemAuditActor(), App.Clock, "ruim.csv", file, CancellationToken.None)).Value);
        (await RunAsync(id)).ShouldBe(ImportRunStatus.Failed);
        (await ImportKit.CountsAsync(App)).ShouldBe(before);
        var state = await App.WithDbAsync(db => GetImportRun.HandleAsync(db, ImportKit.Root, id, CancellationToken.None));
        state.Value!.Report!.Errors.Select(e => (e.Line, e.Code)).ShouldBe([(3, "Cpf.Invalid")]);
    }

    [Test]
    public async Task A_run_whose_invitations_are_refused_ends_imported_with_the_reason_and_stops_waiting()
    {
        // An organisation's administrator imports one person and asks for the invitation.
        var org = await ImportKit.OrganizationAsync(App);
        var path = await App.WithDbAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Path).SingleAsync());
        var admin = new ReaderScope("org-import-admin", null, new HashSet<string> { Roles.Administrator }, org.Id, path);
        var cpf = Data.NewCpf();
        var file = ImportKit.Csv($"cpf;nome;email;orgao\n{cpf};Pessoa sem Convite;i{cpf}@example.gov.br;{org.Acronym}\n");
        var id = await App.WithDbAsync(async db =>
            (await StartImport.HandleAsync(db, admin, new SystemAuditActor(), App.Clock, "convite.csv", file, CancellationToken.None, "https://traininghub.test")).Value);

        // The worker stopped between the commit and the invitations: the run waits for them.
        (await RunAsync(id)).ShouldBe(ImportRunStatus.Succeeded);
        var waiting = await App.WithDbAsync(db => GetImportRun.HandleAsync(db, ImportKit.Root, id, CancellationToken.None));
        (waiting.Value!.Finished, waiting.Value.InvitationsPending).ShouldBe((false, true));

        // Meanwhile the person moved to an organisation outside the importer's scope: inviting them is refused for good.
        var elsewhere = await ImportKit.OrganizationAsync(App);
        await App.WithDbAsync(db => db.People.Where(p => p.Cpf == cpf).ExecuteUpdateAsync(s => s.SetProperty(p => p.OrganizationId, elsewhere.Id)));
        Task<ImportRunStatus?> RetryAsync() => App.WithDbAsync(db => RunImport.HandleAsync(db, App.Clock, id, null, CancellationToken.None,
            (scope, people, url) => InvitePeople.HandleAsync(db, scope, new SystemAuditActor(), App.Clock, App.Services.GetRequiredService<InvitationSettings>(),
                url, people, InvitationSource.Import, resend: false, CancellationToken.None)));
        (await RetryAsync()).ShouldBe(ImportRunStatus.Succeeded);
        var ended = (await App.WithDbAsync(db => GetImportRun.HandleAsync(db, ImportKit.Root, id, CancellationToken.None))).Value!;
        (ended.Finished, ended.InvitationsPending, ended.Report!.Committed, ended.Report.InvitationsRefused?.Code).ShouldBe((true, false, true, "Person.NotFound"));
        (await PeopleWithAsync(cpf)).ShouldBe(1, "the import stands");
        (await App.WithDbAsync(db => db.Invitations.CountAsync(i => i.Person!.Cpf == cpf))).ShouldBe(0);

        // The page and the API stop polling and say what happened and what to do, in both languages.
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var status = await ImportKit.WaitForRunAsync(browser.Client, $"/imports/runs/{id:N}/status");
        (status.GetProperty("finished").GetBoolean(), status.GetProperty("text").GetString()).ShouldBe((true, "Importação concluída; os convites falharam."));
        var (_, page) = await browser.GetPageAsync($"/imports/runs/{id:N}");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Importação concluída");
        page.QuerySelector("[data-testid=invitations-failed]")!.TextContent.ShouldBe(
            "As pessoas foram importadas, mas os convites falharam: Esta pessoa não foi encontrada entre as que você pode ver. Ninguém foi convidado. Depois de resolver a causa, "
            + "convide as pessoas pelas páginas delas ou importe o mesmo arquivo de novo com a opção de convite marcada (nada é gravado duas vezes).");
        (_, page) = await browser.GetPageAsync($"/imports/runs/{id:N}?culture=en");
        page.QuerySelector("[data-testid=invitations-failed]")!.TextContent.ShouldStartWith(
            "The people were imported, but the invitations failed: This person was not found among the people you can see. Nobody was invited.");
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var run = await ImportKit.WaitForRunAsync(api, $"/api/v1/imports/runs/{id}?culture=en");
        (run.GetProperty("status").GetString(), run.GetProperty("finished").GetBoolean()).ShouldBe(("Succeeded", true));
        run.GetProperty("report").GetProperty("invitationsFailed").GetString()!.ShouldStartWith("The people were imported, but the invitations failed:");

        // A retried job leaves it there: nothing is tried again, nothing is written.
        var before = await ImportKit.CountsAsync(App);
        (await RetryAsync()).ShouldBe(ImportRunStatus.Succeeded);
        (await ImportKit.CountsAsync(App)).ShouldBe(before);
        (await App.WithDbAsync(db => db.Invitations.CountAsync(i => i.Person!.Cpf == cpf))).ShouldBe(0);
    }
}
