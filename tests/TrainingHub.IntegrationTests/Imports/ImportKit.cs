using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Imports;

/// <summary>What the import tests build: files (CSV text, XLSX made with OpenXml), organisations of their own, accounts and clients.</summary>
public static class ImportKit
{
    public static readonly ReaderScope Root = new("import-tests", null, new HashSet<string> { Roles.Administrator }, null, null);

    public static byte[] Csv(string text, bool bom = false) =>
        (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();

    /// <summary>An XLSX with one worksheet; cells in <paramref name="numeric"/> columns are written as numbers, the rest as shared or inline strings.</summary>
    public static byte[] Xlsx(IReadOnlyList<string[]> rows, ISet<int>? numeric = null, string sheetName = "Pessoas")
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sharedPart = workbook.AddNewPart<SharedStringTablePart>();
            sharedPart.SharedStringTable = new SharedStringTable();
            var shared = new List<string>();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var value = rows[r][c];
                    if (value.Length == 0)
                    {
                        continue; // sparse, as spreadsheet programs write them
                    }

                    var cell = new Cell { CellReference = $"{(char)('A' + c)}{r + 1}" };
                    if (r > 0 && numeric?.Contains(c) == true)
                    {
                        cell.CellValue = new CellValue(value);
                    }
                    else if (c % 2 == 0)
                    {
                        var index = shared.IndexOf(value);
                        if (index < 0)
                        {
                            shared.Add(value);
                            sharedPart.SharedStringTable.AppendChild(new SharedStringItem(new Text(value)));
                            index = shared.Count - 1;
                        }

                        cell.DataType = CellValues.SharedString;
                        cell.CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        cell.DataType = CellValues.InlineString;
                        cell.InlineString = new InlineString(new Text(value));
                    }

                    row.AppendChild(cell);
                }

                data.AppendChild(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>A fresh organisation (unique name and acronym), optionally under <paramref name="parentId"/>.</summary>
    public static async Task<(int Id, string Name, string Acronym)> OrganizationAsync(TestApp app, OrganizationKind kind = OrganizationKind.StateAgency, int? parentId = null)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var parentPath = parentId is { } p ? await db.Organizations.Where(o => o.Id == p).Select(o => o.Path).SingleAsync() : null;
        var org = new Organization { Name = $"Secretaria de Importação {suffix}", Acronym = "SI" + suffix, Kind = kind, ParentId = parentId, CreatedAt = app.Clock.GetUtcNow().UtcDateTime };
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        org.Path = OrganizationPaths.For(org.Id, parentPath);
        await db.SaveChangesAsync();
        return (org.Id, org.Name, org.Acronym);
    }

    public static async Task<string> OfferingCodeAsync(TestApp app, int offeringId) =>
        await app.WithDbAsync(db => db.Offerings.Where(o => o.Id == offeringId).Select(o => o.Code).SingleAsync());

    /// <summary>An administrator account (scoped to <paramref name="organizationId"/> when given) and an API client with its token.</summary>
    public static async Task<(string Email, HttpClient Api)> AdministratorAsync(TestApp app, int? organizationId = null)
    {
        var email = $"import-admin-{Guid.NewGuid():N}@test.traininghub.local";
        await using var scope = app.Scope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<TrainingHubDbContext>();
        (await CreateAccount.HandleAsync(db, sp.GetRequiredService<UserManager<ApplicationUser>>(), Root, app.Clock,
            new CreateAccountRequest(email, "Import Admin", "copper kettle import admin 77", Roles.Administrator, organizationId, null, null), CancellationToken.None)).Succeeded.ShouldBeTrue();
        return (email, await app.ApiClientAsync(email));
    }

    public static MultipartFormDataContent Multipart(byte[] file, string fileName, IDictionary<string, string>? fields = null)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", fileName);
        foreach (var (k, v) in fields ?? new Dictionary<string, string>())
        {
            content.Add(new StringContent(v), k);
        }

        return content;
    }

    /// <summary>
    /// Polls a background import's status (the API's run, or the page's status endpoint) until it has finished, and
    /// returns its last answer. The host's own worker runs it; a slow machine gets two minutes.
    /// </summary>
    public static async Task<JsonElement> WaitForRunAsync(HttpClient client, string statusUrl)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(new Uri(statusUrl, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var run = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (run.GetProperty("finished").GetBoolean())
            {
                return run;
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(2))
            {
                Assert.Fail($"The import run did not finish within two minutes: {run}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Rows, enrolments, audit entries and outbox messages: what "nothing changed" is checked against.</summary>
    public static async Task<(int People, int Enrolments, int Audit, int Outbox, int Organizations)> CountsAsync(TestApp app) =>
        await app.WithDbAsync(async db => (await db.People.CountAsync(), await db.Enrolments.CountAsync(), await db.AuditEntries.CountAsync(),
            await db.OutboxMessages.CountAsync(), await db.Organizations.CountAsync()));
}
