using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Catalog;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Home;

/// <summary>
/// The OpenAPI document matches what the API really answers: every GET of the document is called (with real ids, with
/// unknown ids, without a token) and the main POSTs and PUTs too, and each answer's status and JSON body are checked
/// against the document's operation.
/// </summary>
public sealed partial class OpenApiContractTests(string provider) : CatalogFixture(provider)
{
    private const string Unknown = "987654321";

    private async Task<(OpenApiContract Contract, JsonDocument Document)> DocumentAsync()
    {
        using var client = App.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        return (new OpenApiContract(document), document);
    }

    [Test]
    public async Task The_document_declares_the_bearer_scheme_enums_by_name_and_the_personal_data_download()
    {
        var (_, document) = await DocumentAsync();
        using (document)
        {
            var root = document.RootElement;
            var bearer = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
            bearer.GetProperty("type").GetString().ShouldBe("http");
            bearer.GetProperty("scheme").GetString().ShouldBe("bearer");
            root.GetProperty("paths").GetProperty("/api/v1/me/data").GetProperty("get").GetProperty("security")[0].TryGetProperty("bearer", out _).ShouldBeTrue();
            root.GetProperty("paths").GetProperty("/api/v1/verify/{code}").GetProperty("get").GetProperty("security").GetArrayLength().ShouldBe(0);

            // Every enum of the schemas is written by name, as the JSON carries it.
            var schemas = root.GetProperty("components").GetProperty("schemas");
            var integerEnums = schemas.EnumerateObject().Where(s => s.Value.TryGetProperty("enum", out var e) && e.EnumerateArray().Any(v => v.ValueKind == JsonValueKind.Number)).Select(s => s.Name).ToList();
            integerEnums.ShouldBeEmpty();
            schemas.GetProperty("EnrolmentStatus").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ShouldContain("Confirmed");

            // Optional fields (nullable, or with a default) are not marked required; fields always present are.
            string[] Required(string schema) => schemas.GetProperty(schema).TryGetProperty("required", out var r) ? r.EnumerateArray().Select(v => v.GetString()!).ToArray() : [];
            Required("ProgrammeRequest").ShouldNotContain("description");
            Required("PersonRow").ShouldContain("id");
            Required("PersonRow").ShouldNotContain("jobTitle");
        }
    }

    [Test]
    public async Task Every_get_and_the_main_writes_answer_as_the_document_says()
    {
        var (contract, document) = await DocumentAsync();
        using var owned = document;
        using var admin = await AdminApiAsync();
        using var anonymous = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var auditor = await ApiAsync(await NewAccountAsync(Roles.Auditor));
        var problems = new List<string>();
        var checkedCalls = 0;

        async Task Call(HttpClient client, string method, string template, string url, object? body = null)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                problems.Add($"{method} {url}: 500 {await response.Content.ReadAsStringAsync()}");
                return;
            }

            problems.AddRange(await contract.CheckAsync(method, template, response));
            checkedCalls++;
        }

        // Real things to ask about.
        var (programme, course, offering) = await NewClassAsync(admin);
        var organization = await AnyOrganizationAsync(OrganizationKind.StateAgency);
        var person = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/people", new { cpf = Data.NewCpf(), fullName = "Contrato da Silva", email = $"contrato.{Guid.NewGuid():N}@example.gov.br", organizationId = organization }));
        await Call(admin, "POST", "/api/v1/people", "/api/v1/people", new { cpf = "111.111.111-11", fullName = "x", email = "x", organizationId = organization });
        await Call(admin, "POST", "/api/v1/enrolments", "/api/v1/enrolments", new { offeringId = offering, personId = person });
        var confirmed = await EnrolAsync(offering, Core.Enrolment.EnrolmentStatus.Confirmed);
        var enrolment = await App.WithDbAsync(db => db.Enrolments.Where(e => e.PersonId == confirmed.Id).Select(e => e.Id).SingleAsync());
        var real = new Dictionary<string, string>
        {
            ["people"] = Id(person),
            ["organizations"] = Id(organization),
            ["programmes"] = Id(programme),
            ["courses"] = Id(course),
            ["classes"] = Id(offering),
            ["offerings"] = Id(offering),
            ["enrolments"] = Id(enrolment),
        };

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out _) || !path.Name.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            var template = path.Name;
            var resource = template.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) ?? "";
            var known = Parameter().Replace(template, m => m.Groups[1].Value switch
            {
                "kind" => "HoursByPerson",
                "format" => "csv",
                "code" => "NOPE0000",
                "id" when real.TryGetValue(resource, out var id) => id,
                "offeringId" => Id(offering),
                "personId" => Id(person),
                _ => Unknown,
            });
            var unknown = Parameter().Replace(template, m => m.Groups[1].Value switch
            {
                "kind" => "HoursByPerson",
                "format" => "csv",
                "code" => "NOPE0000",
                _ => Unknown,
            });
            await Call(admin, "GET", template, known);
            if (unknown != known)
            {
                await Call(admin, "GET", template, unknown);
            }

            await Call(anonymous, "GET", template, known);
            await Call(auditor, "GET", template, known);
        }

        // The main writes: created, refused for bad input, for a state that refuses, for a missing thing.
        await Call(admin, "POST", "/api/v1/programmes", "/api/v1/programmes", new { code = NewCode("P"), name = "Programa do contrato", ownerOrganizationId = organization, targetHours = "48" });
        await Call(admin, "POST", "/api/v1/programmes", "/api/v1/programmes", new { code = "", name = "" });
        await Call(admin, "POST", "/api/v1/courses", "/api/v1/courses", new { code = NewCode("C"), title = "Curso do contrato", programmeId = programme, workloadHours = "20" });
        await Call(admin, "POST", "/api/v1/classes", "/api/v1/classes", new { courseId = course, code = NewCode("T"), title = "Turma do contrato", startsOn = "2026-03-02", endsOn = "2026-03-31", seats = 30, status = "Published" });
        await Call(admin, "POST", "/api/v1/enrolments", "/api/v1/enrolments", new { offeringId = Unknown, personId = person });
        await Call(admin, "POST", "/api/v1/enrolments/{id}/decision", $"/api/v1/enrolments/{enrolment}/decision", new { approve = true });
        await Call(admin, "POST", "/api/v1/enrolments/{id}/cancel", $"/api/v1/enrolments/{Unknown}/cancel");
        await Call(admin, "PUT", "/api/v1/classes/{id}", $"/api/v1/classes/{Unknown}", new { courseId = course, code = NewCode("X"), title = "x" });
        await Call(admin, "POST", "/api/v1/reports/{kind}/export-full-cpf.{format}", "/api/v1/reports/HoursByPerson/export-full-cpf.csv?from=2026-01-01&to=2026-12-31");
        await Call(anonymous, "POST", "/api/v1/programmes", "/api/v1/programmes", new { code = "x" });
        await Call(auditor, "POST", "/api/v1/programmes", "/api/v1/programmes", new { code = NewCode("P"), name = "x", ownerOrganizationId = organization, targetHours = "1" });

        TestContext.Out.WriteLine($"{ProviderName}: {checkedCalls} answers checked against the document; {problems.Count} mismatches.");
        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();
}
