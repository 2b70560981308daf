using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Data;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

/// <summary>
/// Round trips per check-in (issue #19 item 2), counted by an EF interceptor: every command and every transaction
/// begin and commit. Since issue #18 none of them touches the audit chain head.
/// </summary>
public sealed class CheckInRoundTripTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task A_check_in_takes_five_round_trips_and_none_touches_the_audit_chain_head()
    {
        var s = await CheckInKit.SessionAsync(App, people: 1);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        await CheckInKit.OpenAsync(instructor, s.SessionId);
        var code = await CheckInKit.CodeAsync(instructor, s.SessionId);
        var userId = await App.WithDbAsync(db => db.Users.Where(u => u.PersonId == s.People[0]).Select(u => u.Id).FirstAsync());
        var trips = new RoundTrips();
        await using (var scope = App.Scope())
        {
            var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<TrainingHubDbContext>>();
            await using var db = new TrainingHubDbContext(new DbContextOptionsBuilder<TrainingHubDbContext>(options).AddInterceptors(trips).Options);
            var trainee = new ReaderScope(userId, s.People[0], new HashSet<string> { Roles.Trainee }, null, null);
            var result = await CheckIn.HandleAsync(db, trainee, App.Clock, scope.ServiceProvider.GetRequiredService<IOptions<CheckInOptions>>().Value,
                new CheckInRequest(code, s.SessionId), CancellationToken.None);
            result.Succeeded.ShouldBeTrue();
        }

        TestContext.Out.WriteLine($"{ProviderName}: {trips.Count} round trips per check-in: {string.Join(" | ", trips.Log)}");
        trips.Log.ShouldNotContain(c => c.Contains("AuditChainHead", StringComparison.Ordinal));
        // The window, seat and row query; the row insert; the audit insert; the transaction's begin and commit.
        trips.Count.ShouldBeLessThanOrEqualTo(5);
    }

    private sealed class RoundTrips : IDbCommandInterceptor, IDbTransactionInterceptor
    {
        public List<string> Log { get; } = [];

        public int Count => Log.Count;

        private static string Short(string sql) => sql.Length > 80 ? sql[..80] : sql;

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Log.Add(Short(command.CommandText));
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Log.Add(Short(command.CommandText));
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Log.Add(Short(command.CommandText));
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            Log.Add("BEGIN");
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Log.Add("COMMIT");
            return ValueTask.FromResult(result);
        }
    }
}
