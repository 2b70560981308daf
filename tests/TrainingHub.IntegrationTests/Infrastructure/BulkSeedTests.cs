using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Data;
using TrainingHub.Migrations.Postgres;
using TrainingHub.Seeding;

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>The seed command's generator on each database (COPY on PostgreSQL, SqlBulkCopy on SQL Server): consistent rows, and the app keeps working after it.</summary>
public sealed class BulkSeedTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task Bulk_seeding_adds_consistent_people_enrolments_and_attendance_and_ids_keep_flowing_afterwards()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var peopleBefore = await db.People.CountAsync();
        var rowsBefore = await db.AttendanceRecords.LongCountAsync();
        var lastRowBefore = await db.AttendanceRecords.MaxAsync(a => (long?)a.Id) ?? 0;
        IBulkWriterFactory? writers = ProviderName switch
        {
            "Postgres" => new NpgsqlCopyWriterFactory(),
            "SqlServer" => new SqlBulkCopyWriterFactory(),
            _ => null,
        };

        var result = await BulkSeeder.SeedAsync(db, 600, 6_000, App.Clock, null, writers, CancellationToken.None);

        result.People.ShouldBe(600);
        result.AttendanceRows.ShouldBe(6_000);
        (await db.People.CountAsync()).ShouldBe(peopleBefore + 600);
        (await db.AttendanceRecords.LongCountAsync()).ShouldBe(rowsBefore + 6_000);
        // The seeded rows only: other tests in this shared app record walk-ins (attendance without an enrolment) on purpose.
        var orphans = await db.AttendanceRecords.CountAsync(a => a.Id > lastRowBefore && !db.Enrolments.Any(e => e.PersonId == a.PersonId && e.OfferingId == a.Session!.OfferingId));
        orphans.ShouldBe(0, "every seeded attendance row belongs to someone enrolled in that session's offering");
        (await db.People.Where(p => p.NameKey == "").CountAsync()).ShouldBe(0);
        await TrainingHub.IntegrationTests.Attendance.CreditedMonthsCheck.ShouldMatchTheRawRowsAsync(App, "bulk seeded");

        // The application's own inserts still get fresh ids after the bulk load.
        var extra = await Arrange.PeopleAsync(App, 1);
        extra[0].ShouldBeGreaterThan(await db.People.Where(p => p.Id != extra[0]).MaxAsync(p => p.Id));
    }
}
