using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Imports;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Imports;

public sealed class ImportTests(string provider) : OnBothDatabases(provider)
{
    private async Task<ImportReport> PreviewAsync(byte[] file, ReaderScope? scope = null)
    {
        await using var s = App.Scope();
        var result = await PreviewImport.HandleAsync(s.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), scope ?? ImportKit.Root, App.Clock, file, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Code)));
        return result.Value!;
    }

    private async Task<ImportReport> CommitAsync(byte[] file, ReaderScope? scope = null)
    {
        await using var s = App.Scope();
        var result = await CommitImport.HandleAsync(s.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), scope ?? ImportKit.Root, App.Clock, file, CancellationToken.None);
        result.Succeeded.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => e.Code)));
        return result.Value!;
    }

    private async Task<ReaderScope> ScopeOfAsync(int organizationId) =>
        new("scoped-import-tests", null, new HashSet<string> { Roles.Administrator }, organizationId,
            await App.WithDbAsync(db => db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Path).SingleAsync()));

    private static string Describe(ImportReport r) => string.Join(Environment.NewLine, r.Errors.Select(e => $"{e.Line} {e.Column} {e.Code}"));

    [Test]
    public async Task A_semicolon_csv_with_a_bom_and_quoted_fields_goes_through_upload_preview_and_commit_on_the_pages()
    {
        var org = await ImportKit.OrganizationAsync(App);
        string c1 = Data.NewCpf(), c2 = Data.NewCpf(), c3 = Data.NewCpf();
        var csv = ImportKit.Csv(
            "CPF;Nome;E-mail;Órgão;Cargo;Matrícula;Idioma;Observação\r\n" +
            $"{Cpf.Format(c1)};\"Silva; Maria\";maria.{c1}@example.gov.br;{org.Acronym};\"Analista \"\"sênior\"\"; TI\";123;pt-BR;x\r\n" +
            $"{c2};João Souza;joao.{c2}@example.gov.br;{org.Name.ToUpperInvariant()};\"Gestor\r\nregional\";;EN;\r\n" +
            $"{c3};Ana Lima;ana.{c3}@example.gov.br;{org.Acronym.ToLowerInvariant()};;;;\r\n",
            bom: true);
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var preview = await UploadAsync(browser, csv, "pessoas.csv");
        preview.QuerySelector("[data-testid=new-people]")!.TextContent.Trim().ShouldBe("3");
        preview.QuerySelector("[data-testid=rows-with-errors]")!.TextContent.Trim().ShouldBe("0");
        preview.QuerySelector("[data-testid=summary]")!.TextContent.ShouldContain("pessoas.csv");
        preview.Body!.TextContent.ShouldContain("Observação", Case.Sensitive, "the ignored column is named");
        var commit = preview.Forms.Single(f => f.Action.EndsWith("/commit", StringComparison.Ordinal));
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.OrganizationId == org.Id))).ShouldBe(0, "the preview writes nothing");

        // Confirming queues a background import and shows its progress page; once it has finished the page shows the result.
        var started = await browser.PostAsync(new Uri(commit.Action).AbsolutePath, new Dictionary<string, string?> { ["__RequestVerificationToken"] = Token(commit) });
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect, await started.Content.ReadAsStringAsync());
        var runPage = started.Headers.Location!.OriginalString;
        runPage.ShouldStartWith("/imports/runs/");
        var status = await ImportKit.WaitForRunAsync(browser.Client, runPage + "/status");
        (status.GetProperty("status").GetString(), status.GetProperty("percent").GetInt32()).ShouldBe(("Succeeded", 100));
        var (pageStatus, page) = await browser.GetPageAsync(runPage);
        pageStatus.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Importação concluída");
        page.QuerySelector("[data-testid=new-people]")!.TextContent.Trim().ShouldBe("3");

        var people = await App.WithDbAsync(db => db.People.AsNoTracking().Where(p => p.OrganizationId == org.Id).OrderBy(p => p.Id).ToListAsync());
        people.Select(p => p.Cpf).ShouldBe([c1, c2, c3]);
        people[0].FullName.ShouldBe("Silva; Maria");
        people[0].JobTitle.ShouldBe("Analista \"sênior\"; TI");
        people[0].RegistrationNumber.ShouldBe("123");
        people[1].JobTitle.ShouldBe("Gestor\r\nregional");
        people[1].PreferredLanguage.ShouldBe("en");
        people[2].PreferredLanguage.ShouldBe("pt-BR");

        // The upload is gone once imported: committing it again is refused without touching anything.
        var again = await browser.PostAsync(new Uri(commit.Action).AbsolutePath, new Dictionary<string, string?> { ["__RequestVerificationToken"] = Token(commit) });
        Browser.Parse(await again.Content.ReadAsStringAsync()).QuerySelector("[data-testid=file-errors]")!.TextContent.ShouldContain("não está mais disponível");

        // A bad row after a quoted line break is reported with the line the editor shows, and there is no commit button.
        var bad = ImportKit.Csv(
            "cpf;nome;email;orgao;cargo\n" +
            $"{Data.NewCpf()};Pessoa Um;um@example.gov.br;{org.Acronym};\"duas\nlinhas\"\n" +
            $"123.456.789-00;Pessoa Dois;dois@example.gov.br;{org.Acronym};\n");
        var badPreview = await UploadAsync(browser, bad, "ruim.csv");
        var row = badPreview.QuerySelector("[data-testid=row-errors] tbody tr")!;
        row.GetAttribute("data-line").ShouldBe("4");
        row.TextContent.ShouldContain("cpf");
        row.TextContent.ShouldContain("O CPF \"123.456.789-00\" é inválido");
        badPreview.Forms.Any(f => f.Action.EndsWith("/commit", StringComparison.Ordinal)).ShouldBeFalse();
    }

    [Test]
    public async Task A_comma_csv_upserts_people_and_enrols_them_in_file_order_seats_first_then_the_waitlist()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var offering = await Arrange.ClassAsync(App, seats: 1);
        var code = await ImportKit.OfferingCodeAsync(App, offering);
        string c1 = Data.NewCpf(), c2 = Data.NewCpf();
        var csv = ImportKit.Csv(
            "cpf,name,email,organization,job_title,turma\n" +
            $"{c1},\"Souza, Ana\",ana.{c1}@example.gov.br,{org.Acronym},\"Analista, pleno\",{code}\n" +
            $"{c2},Bruno Reis,bruno.{c2}@example.gov.br,{org.Acronym},,{code}\n");
        var preview = await PreviewAsync(csv);
        preview.Format.ShouldBe("csv");
        preview.Separator.ShouldBe(',');
        (preview.NewPeople, preview.EnrolmentsToCreate, preview.Errors.Count).ShouldBe((2, 2, 0));

        var report = await CommitAsync(csv);
        report.Committed.ShouldBeTrue();
        (report.Confirmed, report.Waitlisted).ShouldBe((1, 1));
        var rows = await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == offering).Select(e => new { e.Person!.Cpf, e.Status }).ToListAsync());
        rows.Single(r => r.Cpf == c1).Status.ShouldBe(EnrolmentStatus.Confirmed, "the first line took the seat");
        rows.Single(r => r.Cpf == c2).Status.ShouldBe(EnrolmentStatus.Waitlisted);
        (await App.WithDbAsync(db => db.People.Where(p => p.Cpf == c1).Select(p => p.FullName + "|" + p.JobTitle).SingleAsync())).ShouldBe("Souza, Ana|Analista, pleno");
    }

    [Test]
    public async Task An_xlsx_file_is_previewed_and_committed_through_the_api_with_english_headers_and_numeric_cpfs()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var offering = await Arrange.ClassAsync(App, seats: 10);
        var code = await ImportKit.OfferingCodeAsync(App, offering);
        var zeroCpf = Cpf.FromBase("0" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var other = Data.NewCpf();
        var xlsx = ImportKit.Xlsx(
        [
            ["CPF", "Name", "Email", "Organization", "Language", "Class"],
            [zeroCpf.TrimStart('0'), "Zélia Numérica", "zelia@example.gov.br", org.Name, "en", code],
            [other, "Otto Texto", "otto@example.gov.br", org.Acronym, "", code],
        ], numeric: new HashSet<int> { 0 });
        var (adminEmail, api) = await ImportKit.AdministratorAsync(App);
        using (api)
        {
            using var upload = ImportKit.Multipart(xlsx, "pessoas.xlsx");
            var previewResponse = await api.PostAsync(new Uri("/api/v1/imports/preview", UriKind.Relative), upload);
            previewResponse.StatusCode.ShouldBe(HttpStatusCode.OK, await previewResponse.Content.ReadAsStringAsync());
            var preview = await previewResponse.Content.ReadFromJsonAsync<JsonElement>();
            preview.GetProperty("format").GetString().ShouldBe("xlsx");
            preview.GetProperty("newPeople").GetInt32().ShouldBe(2);
            preview.GetProperty("enrolmentsToCreate").GetInt32().ShouldBe(2);
            preview.GetProperty("errors").GetArrayLength().ShouldBe(0);
            var id = preview.GetProperty("importId").GetGuid();

            // The commit runs in the background: 202 with the run's address, which answers its progress, then its report.
            var commit = await api.PostAsJsonAsync("/api/v1/imports/commit", new { importId = id });
            commit.StatusCode.ShouldBe(HttpStatusCode.Accepted, await commit.Content.ReadAsStringAsync());
            var location = commit.Headers.Location!;
            location.AbsolutePath.ShouldStartWith("/api/v1/imports/runs/");
            var queued = await commit.Content.ReadFromJsonAsync<JsonElement>();
            (queued.GetProperty("rowsTotal").GetInt32(), queued.GetProperty("finished").GetBoolean()).ShouldBe((2, false));
            var run = await ImportKit.WaitForRunAsync(api, location.PathAndQuery);
            (run.GetProperty("status").GetString(), run.GetProperty("percent").GetInt32(), run.GetProperty("rowsDone").GetInt32()).ShouldBe(("Succeeded", 100, 2));
            var report = run.GetProperty("report");
            report.GetProperty("committed").GetBoolean().ShouldBeTrue();
            report.GetProperty("confirmed").GetInt32().ShouldBe(2);
            var zelia = await App.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Cpf == zeroCpf));
            (zelia.FullName, zelia.PreferredLanguage, zelia.OrganizationId).ShouldBe(("Zélia Numérica", "en", org.Id));

            // The job's audit entries name the administrator who confirmed the import, not "system".
            var adminId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == adminEmail).Select(u => u.Id).SingleAsync());
            var key = zelia.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var actors = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Person" && a.EntityId == key).Select(a => a.ActorUserId).ToListAsync());
            actors.ShouldBe([adminId]);

            (await api.PostAsJsonAsync("/api/v1/imports/commit", new { importId = id })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "an import is committed once");
        }
    }

    [Test]
    public async Task Every_kind_of_bad_row_is_named_by_line_and_column_and_nothing_is_written()
    {
        var mine = await ImportKit.OrganizationAsync(App);
        var outside = await ImportKit.OrganizationAsync(App);
        var scope = await ScopeOfAsync(mine.Id);
        var open = await ImportKit.OfferingCodeAsync(App, await Arrange.ClassAsync(App, 10));
        var closed = await ImportKit.OfferingCodeAsync(App, await Arrange.ClassAsync(App, 10, o => o.EnrolmentClosesAt = App.Clock.GetUtcNow().UtcDateTime.AddDays(-1)));
        var cityHallsOnly = await ImportKit.OfferingCodeAsync(App, await Arrange.ClassAsync(App, 10, o =>
        {
            o.Eligibility = Eligibility.OrganizationKinds;
            o.EligibilityRules.Add(new EligibilityRule { OrganizationKind = OrganizationKind.CityHall });
        }));
        var strangerId = (await Arrange.PeopleAsync(App, 1, outside.Id))[0];
        var stranger = await App.WithDbAsync(db => db.People.Where(p => p.Id == strangerId).Select(p => p.Cpf).SingleAsync());
        var c = Enumerable.Range(0, 16).Select(_ => Data.NewCpf()).ToArray();
        string Row(string cpf, string name = "Pessoa", string? email = null, string? org = null, string lang = "", string manager = "", string turma = "") =>
            $"{cpf};{name};{email ?? $"p{cpf}@example.gov.br"};{org ?? mine.Acronym};{lang};{manager};{turma}\n";
        var csv = ImportKit.Csv(
            "cpf;nome;email;orgao;idioma;chefia_cpf;turma\n" +
            Row("123.456.789-00") +                               // 2 invalid CPF
            Row(c[2], org: "Órgão Que Não Existe") +               // 3 unknown organisation
            Row(c[3], org: outside.Acronym) +                      // 4 organisation outside the scope
            Row(c[4], turma: open) +                               // 5 fine
            Row(c[4], name: "Outro Nome", turma: closed) +         // 6 duplicate CPF (other data); window closed
            Row(c[6], turma: cityHallsOnly) +                      // 7 ineligible
            Row(c[7], turma: "NAO-EXISTE") +                       // 8 unknown offering
            Row(c[8], email: "nao-e-um-email") +                   // 9 bad e-mail
            Row(c[9], lang: "fr") +                                // 10 unknown language
            Row(stranger) +                                        // 11 person outside the scope
            Row(c[11], manager: c[15]) +                           // 12 unknown manager
            $"{c[12]};Nome \"torto;x@example.gov.br;{mine.Acronym};;;\n" + // 13 broken quotes
            Row(c[13], name: "") +                                 // 14 name missing
            Row(c[14], turma: open) + Row(c[14], turma: open));    // 15-16 duplicate enrolment
        var before = await ImportKit.CountsAsync(App);

        var report = await PreviewAsync(csv, scope);
        var expected = new (int Line, string Column, string Code)[]
        {
            (2, "cpf", "Cpf.Invalid"), (3, "orgao", "Import.OrganizationUnknown"), (4, "orgao", "Import.OrganizationOutsideScope"),
            (6, "cpf", "Import.DuplicateCpf"), (6, "turma", "Enrol.WindowClosed"), (7, "turma", "Import.Ineligible"), (8, "turma", "Import.OfferingUnknown"),
            (9, "email", "Email.Invalid"), (10, "idioma", "Language.Unsupported"), (11, "cpf", "Import.PersonOutsideScope"),
            (12, "chefia_cpf", "Import.ManagerUnknown"), (13, "", "Import.BadQuotes"), (14, "nome", "Person.NameRequired"),
            (16, "turma", "Import.DuplicateEnrolment"),
        };
        foreach (var (line, column, code) in expected)
        {
            report.Errors.ShouldContain(e => e.Line == line && e.Column == column && e.Code == code, $"line {line} {column} {code}; got:{Environment.NewLine}{Describe(report)}");
        }

        report.Errors.ShouldNotContain(e => e.Line == 5 || e.Line == 15, Describe(report));
        report.Errors.Single(e => e.Code == "Import.Ineligible").Args.ShouldBe([cityHallsOnly, "Enrol.NotEligibleKind"]);
        report.Errors.Single(e => e.Code == "Import.DuplicateCpf").Args.ShouldBe([Cpf.Format(c[4]), 5]);

        var committed = await CommitAsync(csv, scope);
        committed.Committed.ShouldBeFalse();
        committed.Errors.Count.ShouldBe(report.Errors.Count);
        (await ImportKit.CountsAsync(App)).ShouldBe(before, "people, enrolments, audit, outbox: nothing written");
    }

    [Test]
    public async Task File_level_problems_are_refused_before_any_row_is_read()
    {
        ParseImportFile.Handle(Array.Empty<byte>()).Errors.Single().Code.ShouldBe("Import.Empty");
        ParseImportFile.Handle(new byte[ParseImportFile.MaxBytes + 1]).Errors.Single().Code.ShouldBe("Import.TooLarge");
        ParseImportFile.Handle(System.Text.Encoding.Latin1.GetBytes("cpf;nome\n1;José\n")).Errors.Single().Code.ShouldBe("Import.NotUtf8");
        ParseImportFile.Handle(new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3 }).Errors.Single().Code.ShouldBe("Import.BadXlsx");
        ParseImportFile.Handle(ImportKit.Csv("cpf;nome;email\n1;a;b\n")).Errors.Single().Args.ShouldBe([1, "orgao"]);
        ParseImportFile.Handle(ImportKit.Csv("cpf;nome;name;email;orgao\n")).Errors.Single().Code.ShouldBe("Import.DuplicateColumn");
        ParseImportFile.Handle(ImportKit.Csv("cpf;turma\n")).Errors.Single().Code.ShouldBe("Import.NoRows");

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, index) = await browser.GetPageAsync("/imports");
        var response = await PostUploadAsync(browser, index, System.Text.Encoding.Latin1.GetBytes("cpf;nome\n1;José\n"), "latin1.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=file-errors]")!.TextContent.ShouldContain("não é texto UTF-8");
    }

    [Test]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time_and_a_changed_row_updates_only_that_person()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var code = await ImportKit.OfferingCodeAsync(App, await Arrange.ClassAsync(App, seats: 10));
        string boss = Data.NewCpf(), c2 = Data.NewCpf(), c3 = Data.NewCpf();
        string File(string c3Email) =>
            "cpf;nome;email;orgao;cargo;chefia_cpf;turma\n" +
            $"{c2};Subordinada;sub.{c2}@example.gov.br;{org.Acronym};Analista;{boss};{code}\n" +
            $"{boss};Chefe;chefe.{boss}@example.gov.br;{org.Acronym};Diretora;;{code}\n" +
            $"{c3};Terceira;{c3Email};{org.Acronym};;{boss};{code}\n";
        var csv = ImportKit.Csv(File($"t.{c3}@example.gov.br"));

        var first = await CommitAsync(csv);
        (first.Committed, first.NewPeople, first.Confirmed).ShouldBe((true, 3, 3));
        var bossId = await App.WithDbAsync(db => db.People.Where(p => p.Cpf == boss).Select(p => p.Id).SingleAsync());
        (await App.WithDbAsync(db => db.People.Where(p => p.Cpf == c2 || p.Cpf == c3).Select(p => p.ManagerId).ToListAsync())).ShouldAllBe(m => m == bossId, "a manager may be registered by the same file");
        var after = await ImportKit.CountsAsync(App);

        var preview = await PreviewAsync(csv);
        (preview.NewPeople, preview.UpdatedPeople, preview.UnchangedPeople, preview.EnrolmentsToCreate, preview.AlreadyEnrolled).ShouldBe((0, 0, 3, 0, 3));
        var second = await CommitAsync(csv);
        (second.Committed, second.NewPeople, second.UpdatedPeople, second.EnrolmentsToCreate, second.Confirmed).ShouldBe((true, 0, 0, 0, 0));
        (await ImportKit.CountsAsync(App)).ShouldBe(after, "the second import wrote no row, no audit entry and no message");

        var changed = await CommitAsync(ImportKit.Csv(File($"nova.{c3}@example.gov.br")));
        (changed.NewPeople, changed.UpdatedPeople, changed.UnchangedPeople, changed.EnrolmentsToCreate).ShouldBe((0, 1, 2, 0));
        var final = await ImportKit.CountsAsync(App);
        final.ShouldBe(after with { Audit = after.Audit + 1 }, "one person updated, one audit entry");
        var entry = await App.WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync());
        (entry.EntityType, entry.Action).ShouldBe(("Person", "Modified"));
        entry.AfterJson!.ShouldContain($"nova.{c3}@example.gov.br");
    }

    [Test]
    public async Task Enrolment_rows_that_lose_their_seats_after_the_preview_are_waitlisted_and_a_row_failing_at_commit_writes_nothing()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var offering = await Arrange.ClassAsync(App, seats: 2);
        var code = await ImportKit.OfferingCodeAsync(App, offering);
        var c = Enumerable.Range(0, 3).Select(_ => Data.NewCpf()).ToArray();
        var csv = ImportKit.Csv("cpf;nome;email;orgao;turma\n" + string.Concat(c.Select(x => $"{x};Pessoa {x};p{x}@example.gov.br;{org.Acronym};{code}\n")));
        (await PreviewAsync(csv)).EnrolmentsToCreate.ShouldBe(3);

        // Someone else takes a seat between preview and commit.
        var rival = (await Arrange.PeopleAsync(App, 1))[0];
        await using (var s = App.Scope())
        {
            (await EnrolInOffering.HandleAsync(s.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), ImportKit.Root, App.Clock, new EnrolRequest(offering, rival), CancellationToken.None)).Succeeded.ShouldBeTrue();
        }

        var report = await CommitAsync(csv);
        (report.Committed, report.Confirmed, report.Waitlisted).ShouldBe((true, 1, 2));
        (await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == offering).Select(o => o.ConfirmedCount).SingleAsync())).ShouldBe(2, "never above the seats");
        var statuses = await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == offering).OrderBy(e => e.WaitlistPosition).Select(e => new { e.Person!.Cpf, e.Status }).ToListAsync());
        statuses.Single(x => x.Cpf == c[0]).Status.ShouldBe(EnrolmentStatus.Confirmed);
        statuses.Where(x => x.Status == EnrolmentStatus.Waitlisted).Select(x => x.Cpf).ShouldBe([c[1], c[2]], "the waitlist follows the file's order");

        // The offering closes between preview and commit: the commit re-checks, names the rows and writes nothing.
        var later = await Arrange.ClassAsync(App, seats: 5);
        var laterCode = await ImportKit.OfferingCodeAsync(App, later);
        string d1 = Data.NewCpf(), d2 = Data.NewCpf();
        var second = ImportKit.Csv("cpf;nome;email;orgao;turma\n" + $"{d1};Um;um{d1}@example.gov.br;{org.Acronym};{code}\n{d2};Dois;dois{d2}@example.gov.br;{org.Acronym};{laterCode}\n");
        (await PreviewAsync(second)).Errors.ShouldBeEmpty();
        await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == later).ExecuteUpdateAsync(u => u.SetProperty(o => o.EnrolmentClosesAt, App.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));
        var before = await ImportKit.CountsAsync(App);
        var failed = await CommitAsync(second);
        failed.Committed.ShouldBeFalse();
        failed.Errors.Single().ShouldBe(new ImportRowError(3, "turma", "Enrol.WindowClosed", []), new ImportRowErrorComparer());
        (await ImportKit.CountsAsync(App)).ShouldBe(before);
        (await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == offering).Select(o => o.ConfirmedCount).SingleAsync())).ShouldBe(2);
    }

    [Test]
    public async Task A_row_that_fails_inside_the_commit_after_earlier_rows_were_written_rolls_everything_back()
    {
        if (ProviderName != "Postgres")
        {
            Assert.Ignore("SQLite holds its write lock for the whole import, so no other writer can change an offering mid-commit; the same rollback is covered by the other tests there.");
        }

        var org = await ImportKit.OrganizationAsync(App);
        var first = await ImportKit.OfferingCodeAsync(App, await Arrange.ClassAsync(App, seats: 5));
        var contested = await Arrange.ClassAsync(App, seats: 5);
        var contestedCode = await ImportKit.OfferingCodeAsync(App, contested);
        string d1 = Data.NewCpf(), d2 = Data.NewCpf();
        var csv = ImportKit.Csv("cpf;nome;email;orgao;turma\n" + $"{d1};Um;um{d1}@example.gov.br;{org.Acronym};{first}\n{d2};Dois;dois{d2}@example.gov.br;{org.Acronym};{contestedCode}\n");
        var before = await ImportKit.CountsAsync(App);

        // Another administrator is closing the contested class: their transaction holds its row while the import runs.
        await using var rivalScope = App.Scope();
        var rivalDb = rivalScope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        await using var rivalTx = await rivalDb.Database.BeginTransactionAsync();
        await rivalDb.Offerings.Where(o => o.Id == contested).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OfferingStatus.Closed));
        var import = CommitAsync(csv);
        await WaitForLockWaitAsync(import);
        await rivalTx.CommitAsync();

        var report = await import;
        report.Committed.ShouldBeFalse();
        report.Errors.Single().ShouldBe(new ImportRowError(3, "turma", "Enrol.NotOpen", []), new ImportRowErrorComparer());
        (await ImportKit.CountsAsync(App)).ShouldBe(before, "the people and the first enrolment written inside the transaction were rolled back");
    }

    [Test]
    public async Task A_scoped_administrator_cannot_import_people_into_or_from_an_organisation_outside_the_scope()
    {
        var mine = await ImportKit.OrganizationAsync(App, OrganizationKind.CityHall);
        var child = await ImportKit.OrganizationAsync(App, OrganizationKind.MunicipalChamber, mine.Id);
        var outside = await ImportKit.OrganizationAsync(App, OrganizationKind.CityHall);
        var strangerId = (await Arrange.PeopleAsync(App, 1, outside.Id))[0];
        var stranger = await App.WithDbAsync(db => db.People.Where(p => p.Id == strangerId).Select(p => p.Cpf).SingleAsync());
        var (_, api) = await ImportKit.AdministratorAsync(App, mine.Id);
        using (api)
        {
            string c1 = Data.NewCpf(), c2 = Data.NewCpf();
            var csv = ImportKit.Csv("cpf;nome;email;orgao\n" +
                $"{c1};Dentro;d{c1}@example.gov.br;{child.Name}\n" +
                $"{c2};Fora;f{c2}@example.gov.br;{outside.Acronym}\n" +
                $"{stranger};Mudando;m@example.gov.br;{mine.Acronym}\n");
            using var upload = ImportKit.Multipart(csv, "escopo.csv");
            var preview = await (await api.PostAsync(new Uri("/api/v1/imports/preview?culture=en", UriKind.Relative), upload)).Content.ReadFromJsonAsync<JsonElement>();
            var errors = preview.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("message").GetString())).ToList();
            errors.Count.ShouldBe(2);
            errors[0].ShouldBe((3, "orgao", $"\"{outside.Acronym}\" is outside the organisations you manage: ask an administrator who manages it to import these people."));
            errors[1].Item1.ShouldBe(4);
            errors[1].Item3!.ShouldContain("belongs to an organisation you do not manage");

            var commit = await api.PostAsJsonAsync("/api/v1/imports/commit", new { importId = preview.GetProperty("importId").GetGuid() });
            commit.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var run = await ImportKit.WaitForRunAsync(api, commit.Headers.Location!.PathAndQuery);
            run.GetProperty("status").GetString().ShouldBe("Failed");
            run.GetProperty("report").GetProperty("committed").GetBoolean().ShouldBeFalse();
            run.GetProperty("report").GetProperty("errors").GetArrayLength().ShouldBe(2);

            // The run is seen only inside the organisations its starter manages.
            var (_, outsider) = await ImportKit.AdministratorAsync(App, outside.Id);
            using (outsider)
            {
                (await outsider.GetAsync(commit.Headers.Location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            }
            (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == c1 || p.Cpf == c2))).ShouldBe(0);
            (await App.WithDbAsync(db => db.People.Where(p => p.Id == strangerId).Select(p => p.OrganizationId).SingleAsync())).ShouldBe(outside.Id);
        }
    }

    [Test]
    public async Task Enrolling_an_organisation_enrols_its_eligible_people_skips_the_enrolled_and_counts_the_rest()
    {
        var parent = await ImportKit.OrganizationAsync(App, OrganizationKind.StateAgency);
        var child = await ImportKit.OrganizationAsync(App, OrganizationKind.ExternalInstitution, parent.Id);
        var parentPeople = await Arrange.PeopleAsync(App, 3, parent.Id);
        await Arrange.PeopleAsync(App, 2, child.Id);
        // A class of a programme the parent organisation runs: an administrator enrols people only into offerings they can see.
        var offering = await Arrange.ClassAsync(App, seats: 2, o =>
        {
            o.ProgrammeId = null;
            o.Programme = new Programme { Code = "PO-" + Guid.NewGuid().ToString("N")[..8], Name = "Programa da organização", OwnerOrganizationId = parent.Id };
            o.Eligibility = Eligibility.OrganizationKinds;
            o.EligibilityRules.Add(new EligibilityRule { OrganizationKind = OrganizationKind.StateAgency });
        });
        await using (var s = App.Scope())
        {
            (await EnrolInOffering.HandleAsync(s.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), ImportKit.Root, App.Clock, new EnrolRequest(offering, parentPeople[1]), CancellationToken.None)).Succeeded.ShouldBeTrue();
        }

        var (_, api) = await ImportKit.AdministratorAsync(App, parent.Id);
        using (api)
        {
            var response = await api.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-organization", new { organizationId = parent.Id, includeSubOrganizations = true });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var r = await response.Content.ReadFromJsonAsync<JsonElement>();
            (r.GetProperty("people").GetInt32(), r.GetProperty("confirmed").GetInt32(), r.GetProperty("waitlisted").GetInt32(), r.GetProperty("skipped").GetInt32(), r.GetProperty("ineligible").GetInt32())
                .ShouldBe((5, 1, 1, 1, 2));
            var statuses = await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == offering).OrderBy(e => e.PersonId).Select(e => e.Status).ToListAsync());
            statuses.ShouldBe([EnrolmentStatus.Confirmed, EnrolmentStatus.Confirmed, EnrolmentStatus.Waitlisted], "registration order: the first free seat, then the waitlist");

            var before = await ImportKit.CountsAsync(App);
            var again = await (await api.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-organization", new { organizationId = parent.Id, includeSubOrganizations = true })).Content.ReadFromJsonAsync<JsonElement>();
            (again.GetProperty("confirmed").GetInt32(), again.GetProperty("skipped").GetInt32()).ShouldBe((0, 3));
            (await ImportKit.CountsAsync(App)).ShouldBe(before, "enrolling the organisation again changes nothing");

            var outside = await ImportKit.OrganizationAsync(App);
            (await api.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-organization", new { organizationId = outside.Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "an organisation outside the scope is answered as unknown");
        }
    }

    /// <summary>Waits until a session of this database waits for a lock (asked from a connection of its own: pg_stat_activity is a snapshot per transaction).</summary>
    private async Task WaitForLockWaitAsync(Task<ImportReport> import)
    {
        for (var i = 0; i < 100; i++)
        {
            if (import.IsCompleted)
            {
                var r = await import;
                Assert.Fail($"The import finished without waiting: committed={r.Committed} {Describe(r)}");
            }

            var waiting = await App.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()").SingleAsync());
            if (waiting > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The import never waited for the contested offering's row lock.");
    }

    private static string Token(IHtmlFormElement form) =>
        form.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "__RequestVerificationToken").Value;

    private static async Task<HttpResponseMessage> PostUploadAsync(Browser browser, AngleSharp.Html.Dom.IHtmlDocument index, byte[] file, string name)
    {
        var form = index.Forms.Single(f => f.GetAttribute("action") == "/imports");
        form.Enctype.ShouldBe("multipart/form-data");
        using var content = ImportKit.Multipart(file, name, new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(form) });
        return await browser.Client.PostAsync(new Uri("/imports", UriKind.Relative), content);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> UploadAsync(Browser browser, byte[] file, string name)
    {
        var (_, index) = await browser.GetPageAsync("/imports");
        var response = await PostUploadAsync(browser, index, file, name);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var (status, preview) = await browser.GetPageAsync(response.Headers.Location!.OriginalString);
        status.ShouldBe(HttpStatusCode.OK);
        return preview;
    }

    private sealed class ImportRowErrorComparer : IEqualityComparer<ImportRowError>
    {
        public bool Equals(ImportRowError? x, ImportRowError? y) => x is not null && y is not null && (x.Line, x.Column, x.Code) == (y.Line, y.Column, y.Code);

        public int GetHashCode(ImportRowError obj) => HashCode.Combine(obj.Line, obj.Column, obj.Code);
    }
}
