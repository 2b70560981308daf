using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Seeding;

/// <summary>
/// Fills an empty database with a demo that mirrors the five programmes TrainingHub was specified from: a state
/// strategy network, a municipal webinar series, an immersive exchange, municipal onboarding to a shared system and
/// an institute's municipal management programme. Deterministic (Bogus "pt_BR" with a fixed seed, dates anchored to
/// the current year); sessions already past carry attendance, finished classes carry outcomes. Certificates and
/// outbox messages are left to the application. Runs at every start and does nothing once any organisation exists.
/// </summary>
public static class DemoSeeder
{
    /// <summary>
    /// Seeds the demo and returns its sign-in accounts; an empty list when the database already holds data. Saves in
    /// a handful of batches through <paramref name="db"/> (audited) and clears its change tracker before creating the accounts
    /// with <paramref name="users"/>; the four roles must exist.
    /// </summary>
    public static async Task<IReadOnlyList<DemoAccount>> SeedAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(time);
        if (await db.Organizations.AnyAsync(ct))
        {
            return [];
        }

        var world = new DemoWorld(time);
        var minas = DemoMinas.Build(world);
        world.PlanningSecretariat = minas.Planning;
        DemoStrategyNetwork.Build(world, minas);
        DemoMunicipalWebinars.Build(world, minas);
        DemoExchange.Build(world, minas);
        DemoSeiOnboarding.Build(world, minas);
        DemoInstitute.Build(world);
        world.AccountPeople["instructor"] = minas.Instructor;
        DemoUpcoming.Build(world);
        world.AccountPeople["admin"] = minas.Coordinator;
        world.AccountPeople["admin.prefeitura"] = world.Staff(world.ScopedCityHall!, 5, DemoMinas.CityHallTitles);
        foreach (var person in world.AccountPeople.Values)
        {
            person.PreferredLanguage = Languages.Portuguese;
        }

        var (enrolments, attendance) = DemoOutcomes.Resolve(world);

        // A handful of saves, each through the audit interceptor: organisations (then their materialised paths, which
        // need the generated ids; parents come before children in the list), people, catalogue, enrolments with attendance.
        db.Organizations.AddRange(world.Organizations);
        await db.SaveChangesAsync(ct);
        foreach (var organization in world.Organizations)
        {
            organization.Path = OrganizationPaths.For(organization.Id, organization.Parent?.Path);
        }

        await db.SaveChangesAsync(ct);
        db.People.AddRange(world.People);
        await db.SaveChangesAsync(ct);
        db.Programmes.AddRange(world.Programmes);
        db.Courses.AddRange(world.Courses);
        db.Offerings.AddRange(world.Offerings.Select(p => p.Offering));
        db.CertificateSettings.AddRange(DemoCertificates.Build(world, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        db.ProgrammeParticipations.AddRange(world.Participations);
        await db.SaveChangesAsync(ct);
        db.Enrolments.AddRange(enrolments);
        db.SessionRegistrations.AddRange(DemoDates.Resolve(world, enrolments));
        db.AttendanceRecords.AddRange(attendance);
        await db.SaveChangesAsync(ct);
        await DemoSurveys.SeedAsync(db, time.GetUtcNow().UtcDateTime, ct);
        db.ChangeTracker.Clear();

        return await DemoAccounts.CreateAsync(users, world, ct);
    }
}
