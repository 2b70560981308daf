using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>Test arrangement straight in the database: offerings and people a test owns alone.</summary>
public static class Arrange
{
    public static async Task<int> ClassAsync(TestApp app, int? seats, Action<CourseClass>? configure = null)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var course = await db.Courses.OrderBy(c => c.Id).FirstAsync();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var code = "T-" + Guid.NewGuid().ToString("N")[..10];
        var offering = new CourseClass
        {
            Code = code,
            Title = "Turma de teste " + code,
            CourseId = course.Id,
            ProgrammeId = course.ProgrammeId,
            Seats = seats,
            StartsOn = today.AddDays(30),
            EndsOn = today.AddDays(60),
            Status = OfferingStatus.Published,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        var start = app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(30).AddHours(12);
        offering.Sessions.Add(new Session { Title = "Encontro 1", StartsAt = start, EndsAt = start.AddHours(3), CreditedMinutes = 180 });
        configure?.Invoke(offering);
        db.Offerings.Add(offering);
        await db.SaveChangesAsync();
        return offering.Id;
    }

    public static async Task<List<int>> PeopleAsync(TestApp app, int count, int? organizationId = null)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var org = organizationId ?? await db.Organizations.Where(o => o.Kind == OrganizationKind.StateAgency).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        var people = Enumerable.Range(0, count).Select(i => new Person
        {
            Cpf = Data.NewCpf(),
            FullName = $"Pessoa de Teste {i:D3}",
            Email = $"pessoa{i}.{Guid.NewGuid():N}@example.gov.br",
            OrganizationId = org,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        }).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        return people.Select(p => p.Id).ToList();
    }
}
