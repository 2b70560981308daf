using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Imports;

namespace TrainingHub.BrowserTests.Imports;

/// <summary>The administrator uploads a CSV with one bad row through the real page and reads the preview's errors.</summary>
public sealed class ImportScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_administrator_uploads_a_csv_with_one_bad_row_and_the_preview_names_its_line_and_column(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.Locator("[data-nav=imports]").ClickAsync();
        await Expect(Page.GetByTestId("format-help")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "imports-upload", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // An organisation the administrator manages, named as the enrol-an-organisation form lists it.
        await Page.GotoAsync("/imports/enrol-organization");
        var organization = (await Page.Locator("#Form_OrganizationId option:nth-child(2)").TextContentAsync())!.Trim();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "imports-enrol-organization", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        string NewCpf() => Cpf.Format(Cpf.FromBase(RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString("D9", CultureInfo.InvariantCulture)));
        var csv = "cpf;nome;email;orgao;cargo\n" +
            $"{NewCpf()};Teste Importação Um;um.{Guid.NewGuid():N}@example.gov.br;\"{organization}\";\"Analista; TI\"\n" +
            $"123.456.789-00;Teste Importação Dois;dois.{Guid.NewGuid():N}@example.gov.br;\"{organization}\";\n" +
            $"{NewCpf()};Teste Importação Três;tres.{Guid.NewGuid():N}@example.gov.br;\"{organization}\";\n";
        await Page.GotoAsync("/imports");
        await Page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "pessoas.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Page.Locator("main form[action='/imports'] button[type=submit]").ClickAsync();
        await Expect(Page.GetByTestId("row-errors")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("rows-with-errors")).ToHaveTextAsync("1");
        await Expect(Page.GetByTestId("new-people")).ToHaveTextAsync("2");
        var row = Page.Locator("[data-testid=row-errors] tbody tr[data-line='3']");
        await Expect(row).ToContainTextAsync("cpf");
        await Expect(row).ToContainTextAsync(lang == "en" ? "CPF \"123.456.789-00\" is not valid" : "O CPF \"123.456.789-00\" é inválido");
        await Expect(Page.GetByTestId("commit")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "imports-preview-errors", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task Confirming_a_preview_shows_the_progress_page_until_the_background_import_has_finished(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/imports/enrol-organization");
        var organization = (await Page.Locator("#Form_OrganizationId option:nth-child(2)").TextContentAsync())!.Trim();
        string NewCpf() => Cpf.Format(Cpf.FromBase(RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString("D9", CultureInfo.InvariantCulture)));
        var csv = "cpf;nome;email;orgao\n" +
            $"{NewCpf()};Teste Fundo Um;um.{Guid.NewGuid():N}@example.gov.br;\"{organization}\"\n" +
            $"{NewCpf()};Teste Fundo Dois;dois.{Guid.NewGuid():N}@example.gov.br;\"{organization}\"\n";
        await Page.GotoAsync("/imports");
        await Page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "fundo.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Page.Locator("main form[action='/imports'] button[type=submit]").ClickAsync();
        await Page.GetByTestId("commit").ClickAsync();

        // The run's page polls its status and shows the result once the host's worker has written the file.
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/imports/runs/[0-9a-f]{32}$"));
        await Expect(Page.Locator("h1")).ToHaveTextAsync(lang == "en" ? "Import complete" : "Importação concluída", new() { Timeout = 60_000 });
        await Expect(Page.GetByTestId("new-people")).ToHaveTextAsync("2");

        // A run part-way through its rows (made here, enqueued to no worker, so the screenshot shows the bar mid-way).
        var id = Guid.NewGuid();
        await using (var scope = TestApp.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            var now = DateTime.UtcNow;
            db.ImportRuns.Add(new ImportRun
            {
                Id = id,
                FileName = "servidores-2027.csv",
                Content = Encoding.UTF8.GetBytes(csv),
                UserId = "screenshot",
                UserName = "screenshot",
                Status = ImportRunStatus.Running,
                RowsTotal = 5000,
                RowsDone = 2000,
                Attempts = 1,
                HeartbeatAt = now,
                CreatedAt = now,
                StartedAt = now,
            });
            await db.SaveChangesAsync();
        }

        await Page.GotoAsync($"/imports/runs/{id:N}");
        await Expect(Page.GetByTestId("run-status")).ToHaveTextAsync(lang == "en" ? "Checking the rows: 2,000 of 5,000." : "Conferindo as linhas: 2.000 de 5.000.");
        await Expect(Page.GetByTestId("run-percent")).ToHaveTextAsync("36%");
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "imports-run-progress", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task A_file_over_the_limit_gets_a_page_saying_the_limit_and_what_to_do(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/imports");
        await Page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "pessoas.csv", MimeType = "text/csv", Buffer = new byte[6 * 1024 * 1024] });
        var answer = await Page.RunAndWaitForResponseAsync(() => Page.Locator("main form[action='/imports'] button[type=submit]").ClickAsync(),
            r => r.Url.EndsWith("/imports", StringComparison.Ordinal) && r.Request.Method == "POST");
        answer.Status.ShouldBe(413);
        await Expect(Page.Locator("h1")).ToHaveTextAsync(lang == "en" ? "This file is too large to upload" : "Este arquivo é grande demais para enviar");
        await Expect(Page.GetByTestId("reasons")).ToContainTextAsync(lang == "en"
            ? "The file is too large: the limit is 5 MB. Send a smaller file"
            : "O arquivo é grande demais: o limite é de 5 MB. Envie um arquivo menor");
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "imports-too-large", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
        await Page.GetByTestId("back-to-form").ClickAsync();
        await Expect(Page.Locator("#file")).ToBeVisibleAsync();
    }
}
