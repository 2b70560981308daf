using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Catalog;

/// <summary>What the catalogue tests share: API clients with tokens, accounts of a role and scope, and unique codes.</summary>
public abstract class CatalogFixture(string provider) : OnBothDatabases(provider)
{
    protected static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

    protected static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    protected Task<int> AnyOrganizationAsync(OrganizationKind kind, int skip = 0) =>
        App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == kind).OrderBy(o => o.Id).Skip(skip).Select(o => o.Id).FirstAsync());

    protected async Task<string> NewAccountAsync(string role, int? scopeOrganizationId = null)
    {
        var email = $"cat-{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.traininghub.local";
        await using var scope = App.Scope();
        var sp = scope.ServiceProvider;
        var root = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
        var result = await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), root,
            App.Clock, new CreateAccountRequest(email, "Catalogue " + role, "a long enough passphrase", role, scopeOrganizationId, null, "pt-BR"), CancellationToken.None);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors));
        return email;
    }

    protected Task<HttpClient> ApiAsync(string email) => App.ApiClientAsync(email);

    protected Task<HttpClient> AdminApiAsync() => ApiAsync(TestApp.AdminEmail);

    protected static async Task<int> CreatedIdAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>A programme, a course and a class through the API, as an unscoped administrator; returns their ids.</summary>
    protected async Task<(int Programme, int Course, int Class)> NewClassAsync(HttpClient api, int? ownerId = null, object? extra = null)
    {
        var owner = ownerId ?? await AnyOrganizationAsync(OrganizationKind.StateAgency);
        var programme = await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/programmes", new { code = NewCode("P"), name = "Programa de teste", ownerOrganizationId = owner, targetHours = "48" }));
        var course = await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/courses", new { code = NewCode("C"), title = "Curso de teste", programmeId = programme, workloadHours = "20", syllabus = "Tópico 1\nTópico 2" }));
        var offering = await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/classes", new
        {
            courseId = course,
            code = NewCode("T"),
            title = "Turma de teste",
            startsOn = "2026-03-02",
            endsOn = "2026-03-31",
            seats = 30,
            status = "Published",
        }));
        return (programme, course, offering);
    }

    /// <summary>A person of the organisation, enrolled in the offering with the given status.</summary>
    protected Task<Person> EnrolAsync(int offeringId, Core.Enrolment.EnrolmentStatus status, int? waitlistPosition = null, string language = "pt-BR") =>
        App.WithDbAsync(async db =>
        {
            var org = await db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            var person = new Person
            {
                Cpf = Data.NewCpf(),
                FullName = "Inscrita " + Guid.NewGuid().ToString("N")[..6],
                Email = $"inscrita.{Guid.NewGuid():N}@example.gov.br",
                OrganizationId = org,
                PreferredLanguage = language,
                CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.People.Add(person);
            db.Enrolments.Add(new Core.Enrolment.Enrolment
            {
                OfferingId = offeringId,
                Person = person,
                Status = status,
                WaitlistPosition = waitlistPosition,
                RequestedAt = App.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
            return person;
        });
}
