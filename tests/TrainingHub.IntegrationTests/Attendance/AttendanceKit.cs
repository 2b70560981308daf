using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

/// <summary>A class of a test's own: its own course (completion rule), sessions in the past within the class's period, seated people, an instructor.</summary>
internal sealed record AttendanceClass(int OfferingId, IReadOnlyList<int> SessionIds, IReadOnlyList<int> People, string InstructorEmail, int InstructorPersonId);

internal static class AttendanceKit
{
    public const string Password = "attendance passphrase 123";

    public static async Task<AttendanceClass> ClassAsync(TestApp app, int people, int sessions = 2, int minutes = 120, int minPercent = 75, int? requiredMinutes = null)
    {
        var start = app.Clock.GetUtcNow().UtcDateTime.AddHours(-2 - sessions);
        var offeringId = await Arrange.ClassAsync(app, seats: null, o =>
        {
            o.Course = new Course { Code = "C-" + o.Code, Title = "Curso " + o.Code, WorkloadMinutes = sessions * minutes, MinAttendancePercent = minPercent, RequiredMinutes = requiredMinutes, ProgrammeId = o.ProgrammeId, CreatedAt = o.CreatedAt };
            o.Sessions.Clear();
            for (var i = 0; i < sessions; i++)
            {
                var at = start.AddHours(i);
                o.Sessions.Add(new Session { Title = $"Encontro {i + 1}", StartsAt = at, EndsAt = at.AddMinutes(minutes), CreditedMinutes = minutes });
            }

            // The class's period holds its sessions (São Paulo dates), as the catalogue requires.
            o.StartsOn = DateOnly.FromDateTime(TrainingHub.Core.Common.SaoPaulo.ToLocal(o.Sessions.Min(s => s.StartsAt)));
            o.EndsOn = DateOnly.FromDateTime(TrainingHub.Core.Common.SaoPaulo.ToLocal(o.Sessions.Max(s => s.EndsAt)));
        });
        var personIds = await Arrange.PeopleAsync(app, people);
        var (email, instructorId) = await AccountAsync(app, Roles.Instructor);
        var sessionIds = await app.WithDbAsync(async db =>
        {
            db.OfferingInstructors.Add(new OfferingInstructor { OfferingId = offeringId, PersonId = instructorId });
            db.Enrolments.AddRange(personIds.Select(p => new TrainingHub.Core.Enrolment.Enrolment
            {
                OfferingId = offeringId,
                PersonId = p,
                Status = EnrolmentStatus.Confirmed,
                RequestedAt = start,
                ConfirmedAt = start,
            }));
            await db.SaveChangesAsync();
            await db.Offerings.Where(o => o.Id == offeringId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ConfirmedCount, personIds.Count));
            return await db.Sessions.Where(s => s.OfferingId == offeringId).OrderBy(s => s.StartsAt).Select(s => s.Id).ToListAsync();
        });
        return new AttendanceClass(offeringId, sessionIds, personIds, email, instructorId);
    }

    /// <summary>An account with the role, for a new person (or the given one).</summary>
    public static async Task<(string Email, int PersonId)> AccountAsync(TestApp app, string role, int? personId = null)
    {
        var id = personId ?? (await Arrange.PeopleAsync(app, 1))[0];
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.traininghub.local";
        await using var scope = app.Scope();
        var sp = scope.ServiceProvider;
        var root = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
        var result = await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), root, app.Clock,
            new CreateAccountRequest(email, role + " de teste", Password, role, null, id, "pt-BR"), CancellationToken.None);
        result.Succeeded.ShouldBeTrue();
        return (email, id);
    }
}
