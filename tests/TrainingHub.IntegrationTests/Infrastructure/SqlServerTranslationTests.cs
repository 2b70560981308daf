using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.IntegrationTests.Infrastructure;

/// <summary>
/// What can be shown about SQL Server without one: the SQLite app's queries, mirrored through EF Core's SQL Server
/// provider (<see cref="SqlServerTranslation"/>), all translate, and the seat counter's and the audit chain head's
/// locking statements come out as SQL Server SQL. Every other integration test on SQLite runs through the same mirror,
/// so a query that does not translate fails the test that issued it.
/// </summary>
[TestFixture]
public sealed class SqlServerTranslationTests
{
    private TestApp app = null!;

    [OneTimeSetUp]
    public void StartApp() => app = Apps.For("Sqlite");

    [Test]
    public void Database_Provider_SqlServer_configures_the_SQL_Server_provider_and_asks_for_a_connection_string()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "sqlserver",
            ["Database:ConnectionString"] = "Server=127.0.0.1;Database=traininghub;User Id=th;Password=x;Encrypt=true",
        }).Build();
        var database = DatabaseOptions.From(config, Path.GetTempPath());
        var options = new DbContextOptionsBuilder<TrainingHubDbContext>();
        database.Apply(options);
        using (var db = new TrainingHubDbContext(options.Options))
        {
            db.Database.IsSqlServer().ShouldBeTrue();
            db.GetService<IMigrationsAssembly>().Assembly.ShouldBe(typeof(TrainingHub.Migrations.SqlServer.SqlServerDatabase).Assembly);
        }

        config["Database:ConnectionString"] = null;
        Should.Throw<InvalidOperationException>(() => DatabaseOptions.From(config, Path.GetTempPath())).Message.ShouldContain("Database:ConnectionString is required for SqlServer");
    }

    [Test]
    public async Task A_query_SQLite_runs_but_SQL_Server_cannot_translate_fails()
    {
        var options = new DbContextOptionsBuilder<TrainingHubDbContext>().UseSqlite(app.ConnectionString);
        SqlServerTranslation.Mirror(options);
        await using var db = new TrainingHubDbContext(options.Options);
        var glob = db.People.Where(p => EF.Functions.Glob(p.FullName, "A*"));
        await Should.ThrowAsync<InvalidOperationException>(() => glob.CountAsync());
        var failure = SqlServerTranslation.Failures.ShouldHaveSingleItem();
        failure.ShouldContain("Glob");
        SqlServerTranslation.Forget(failure);
    }

    [Test]
    public void Start_up_migrations_and_demo_seeding_issue_only_queries_that_translate_for_SQL_Server()
    {
        SqlServerTranslation.Failures.ShouldBeEmpty();
        SqlServerTranslation.Statements.ShouldNotBeEmpty();
        TestContext.Out.WriteLine($"{SqlServerTranslation.DistinctQueries} distinct queries translated for SQL Server so far, {SqlServerTranslation.Statements.Count} statements");
    }

    [Test]
    public async Task Enrolling_cancelling_and_promoting_lock_the_offering_row_and_only_the_sealer_locks_the_audit_chain_head_in_SQL_Server_SQL()
    {
        var offeringId = await Arrange.ClassAsync(app, seats: 1);
        var people = await Arrange.PeopleAsync(app, 2);
        var admin = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
        var from = SqlServerTranslation.Statements.Count;
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            var first = (await EnrolInOffering.HandleAsync(db, admin, app.Clock, new EnrolRequest(offeringId, people[0]), CancellationToken.None)).Value!;
            (await EnrolInOffering.HandleAsync(db, admin, app.Clock, new EnrolRequest(offeringId, people[1]), CancellationToken.None)).Value!.Status.ShouldBe(EnrolmentStatus.Waitlisted);
            (await CancelEnrolment.HandleAsync(db, admin, app.Clock, Options.Create(new EnrolmentOptions()), first.EnrolmentId, CancellationToken.None)).Succeeded.ShouldBeTrue();
            (await db.Enrolments.Where(e => e.OfferingId == offeringId && e.PersonId == people[1]).Select(e => e.Status).SingleAsync()).ShouldBe(EnrolmentStatus.Confirmed);
        }

        var sql = SqlServerTranslation.Statements.Skip(from).ToList();
        SqlServerTranslation.Failures.ShouldBeEmpty();

        // Seats: the row lock (a no-op UPDATE holds the row's exclusive lock to the end of the transaction), the
        // conditional increment that never oversells, and the release.
        sql.ShouldContain(s => s.Contains("UPDATE [o]", StringComparison.Ordinal) && Regex.IsMatch(s, @"SET \[o\]\.\[ConfirmedCount\] = \[o\]\.\[ConfirmedCount\]\s*$", RegexOptions.Multiline)
            && s.Contains("FROM [Offerings] AS [o]", StringComparison.Ordinal) && s.Contains("WHERE [o].[Id] = @", StringComparison.Ordinal));
        sql.ShouldContain(s => s.Contains("SET [o].[ConfirmedCount] = [o].[ConfirmedCount] + 1", StringComparison.Ordinal)
            && s.Contains("[o].[Seats] IS NULL OR [o].[ConfirmedCount] < [o].[Seats]", StringComparison.Ordinal));
        sql.ShouldContain(s => s.Contains("SET [o].[ConfirmedCount] = [o].[ConfirmedCount] - 1", StringComparison.Ordinal));

        // Audit: the sealer, not the enrolment, takes the chain head's row lock before it reads the head.
        await app.SealAuditAsync();
        sql = SqlServerTranslation.Statements.Skip(from).ToList();
        SqlServerTranslation.Failures.ShouldBeEmpty();
        var headLock = sql.FindIndex(s => s.Contains("SET [a].[LastSequence] = [a].[LastSequence]", StringComparison.Ordinal)
            && s.Contains("FROM [AuditChainHead] AS [a]", StringComparison.Ordinal) && s.Contains("WHERE [a].[Id] = 1", StringComparison.Ordinal));
        headLock.ShouldBeGreaterThanOrEqualTo(0);
        sql.Skip(headLock + 1).ShouldContain(s => s.Contains("FROM [AuditChainHead] AS [a]", StringComparison.Ordinal));
    }
}
