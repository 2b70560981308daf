using System.Data.Common;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Audit;

/// <summary>
/// The sealed audit trail: business writes insert entries without any shared lock, the background sealer chains them
/// within the lag it promises, and someone with full access to the database but without the key cannot reorder,
/// rewrite or cut off sealed entries unnoticed. Each tampering test puts the rows back before it ends.
/// </summary>
public sealed class AuditSealingTests(string provider) : OnBothDatabases(provider)
{
    // A database of its own: these tests break the chain on purpose.
    protected override string? Isolation => "audit";

    private Task<ChainVerification> VerifyAsync() => App.VerifyAuditAsync();

    private async Task RenameAsync(int personId, string name)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var person = await db.People.SingleAsync(p => p.Id == personId);
        person.FullName = name;
        await db.SaveChangesAsync();
    }

    /// <summary>The sealed entries from <paramref name="from"/> on and the head, to put back after a test broke them.</summary>
    private async Task<Func<Task>> SnapshotAsync(long from)
    {
        var rows = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from).ToListAsync());
        var head = await App.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync());
        return async () =>
        {
            await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence >= from).ExecuteDeleteAsync());
            await App.WithDbAsync(async db =>
            {
                foreach (var r in rows)
                {
                    r.Id = 0;
                    r.OccurredAt = DateTime.SpecifyKind(r.OccurredAt, DateTimeKind.Utc);
                    db.AuditEntries.Add(r);
                }

                await db.SaveChangesAsync();
                return await db.AuditChainHeads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, head.LastSequence)
                    .SetProperty(h => h.LastHash, head.LastHash).SetProperty(h => h.KeyedFrom, head.KeyedFrom));
            });
        };
    }

    /// <summary>A sealed, checkpointed chain of at least 20 entries; returns its last sequence.</summary>
    private async Task<long> SealedChainAsync()
    {
        var people = await Arrange.PeopleAsync(App, 2);
        await RenameAsync(people[0], "Chain Filler " + Guid.NewGuid().ToString("N")[..6]);
        await App.SealAuditAsync();
        var v = await VerifyAsync();
        v.Intact.ShouldBeTrue($"{v.Problem} at {v.Sequence}");
        v.LastSequence.ShouldBeGreaterThan(20);
        return v.LastSequence;
    }

    [Test]
    public async Task Two_entries_swapped_in_the_sequence_are_reported()
    {
        var end = await SealedChainAsync();
        var k = end - 5;
        var restore = await SnapshotAsync(k);
        const long parked = 1_000_000_000_000;
        await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, parked)));
        await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k + 1).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, k)));
        await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == parked).ExecuteUpdateAsync(s => s.SetProperty(e => e.Sequence, k + 1)));
        try
        {
            var v = await VerifyAsync();
            (v.Problem, v.Sequence).ShouldBe((ChainProblem.Altered, (long?)k));
        }
        finally
        {
            await restore();
        }

        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_rewrite_from_one_entry_to_the_end_with_recomputed_hashes_and_head_is_reported_where_it_starts()
    {
        var end = await SealedChainAsync();
        var k = end - 4;
        var restore = await SnapshotAsync(k);

        // Everything a database writer without the key can do: change an entry, rehash it and every later one, move the head.
        await App.WithDbAsync(async db =>
        {
            var rows = await db.AuditEntries.Where(e => e.Sequence >= k).OrderBy(e => e.Sequence).ToListAsync();
            var previous = rows[0].PreviousHash!;
            rows[0].Reason = "covered up";
            foreach (var r in rows)
            {
                r.OccurredAt = DateTime.SpecifyKind(r.OccurredAt, DateTimeKind.Utc);
                r.PreviousHash = previous;
                r.Hash = AuditChain.ComputeHash(r);
                previous = r.Hash;
            }

            await db.SaveChangesAsync();
            return await db.AuditChainHeads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastHash, previous));
        });
        try
        {
            var v = await VerifyAsync();
            (v.Problem, v.Sequence).ShouldBe((ChainProblem.Altered, (long?)k));
        }
        finally
        {
            await restore();
        }

        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_tail_cut_off_with_the_head_moved_back_is_reported_by_the_checkpoint_and_the_sealer_will_not_extend_it()
    {
        var end = await SealedChainAsync();
        var k = end - 3;
        var restore = await SnapshotAsync(k);
        var kept = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k - 1).Select(e => e.Hash!).SingleAsync());
        await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence >= k).ExecuteDeleteAsync());
        await App.WithDbAsync(db => db.AuditChainHeads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, k - 1).SetProperty(h => h.LastHash, kept)));
        try
        {
            var v = await VerifyAsync();
            (v.Problem, v.Sequence).ShouldBe((ChainProblem.Truncated, (long?)k));

            // The sealer does not seal new entries onto the shortened chain (that would make the cut look sealed).
            var people = await Arrange.PeopleAsync(App, 1);
            await RenameAsync(people[0], "After The Cut");
            var outcome = await App.WithDbAsync(db => SealAuditEntries.HandleAsync(db, App.Sealing, App.Clock, CancellationToken.None));
            (outcome.Refused, outcome.Sealed).ShouldBe((true, 0));
        }
        finally
        {
            await restore();
        }

        await App.SealAuditAsync();
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_forged_line_in_the_checkpoint_file_is_reported()
    {
        var end = await SealedChainAsync();
        var file = App.Sealing.CheckpointFile;
        var original = await File.ReadAllTextAsync(file);
        var forged = AuditCheckpoint.Create(App.Clock.GetUtcNow().UtcDateTime, end, new string('a', 64), 1, new byte[32]);
        await File.AppendAllTextAsync(file, forged.ToLine() + "\n");
        try
        {
            var v = await VerifyAsync();
            (v.Problem, v.Sequence).ShouldBe((ChainProblem.Checkpoint, (long?)end));
        }
        finally
        {
            await File.WriteAllTextAsync(file, original);
        }

        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task The_scheduled_verification_alerts_every_administrator_by_email_and_shows_on_the_audit_screen_and_health()
    {
        var end = await SealedChainAsync();
        var k = end - 2;
        var original = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == k));
        await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, "someone else")));
        try
        {
            var job = await App.WithDbAsync(db => RunAuditVerification.HandleAsync(db, App.Sealing, App.Clock, "https://traininghub.test", CancellationToken.None));
            (job.Problem, job.Sequence).ShouldBe((ChainProblem.Altered, (long?)k));
            var alerts = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.MessageType == "AuditChainBroken").Select(m => m.ToAddress).ToListAsync());
            alerts.ShouldContain(TestApp.AdminEmail);

            // The same finding again does not alert twice.
            await App.WithDbAsync(db => RunAuditVerification.HandleAsync(db, App.Sealing, App.Clock, "https://traininghub.test", CancellationToken.None));
            (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == "AuditChainBroken"))).ShouldBe(alerts.Count);

            using var api = await App.ApiClientAsync(TestApp.AdminEmail);
            var page = await api.GetStringAsync(new Uri("/audit?culture=en", UriKind.Relative));
            page.ShouldContain($"failed. The chain is broken: entry {k} was altered.");
            (await App.CreateClient().GetAsync(new Uri("/health/audit", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Sequence == k).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, original.ActorName)));
        }

        (await App.WithDbAsync(db => RunAuditVerification.HandleAsync(db, App.Sealing, App.Clock, "https://traininghub.test", CancellationToken.None))).Intact.ShouldBeTrue();
        using var client = App.CreateClient();
        (await client.GetAsync(new Uri("/health/audit", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var pt = await (await App.ApiClientAsync(TestApp.AdminEmail)).GetStringAsync(new Uri("/audit?culture=pt-BR", UriKind.Relative));
        pt.ShouldContain("encontrou a cadeia íntegra");
    }

    [Test]
    public async Task The_background_sealer_seals_committed_entries_within_five_seconds()
    {
        var people = await Arrange.PeopleAsync(App, 20);
        var lags = new List<double>();
        foreach (var id in people)
        {
            var before = await App.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Id));
            await RenameAsync(id, "Lag " + id);
            var clock = Stopwatch.StartNew();
            while (await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Id > before && e.Sequence == null)))
            {
                clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "sealing lag");
                await Task.Delay(20);
            }

            lags.Add(clock.Elapsed.TotalMilliseconds);
        }

        lags.Sort();
        TestContext.Out.WriteLine($"{ProviderName}: sealing lag over {lags.Count} changes: p50 {lags[lags.Count / 2]:F0} ms, max {lags[^1]:F0} ms");
        (await VerifyAsync()).Intact.ShouldBeTrue();
        var status = await App.WithDbAsync(db => GetAuditStatus.HandleAsync(db, App.Sealing, App.Clock, CancellationToken.None));
        status.Lagging.ShouldBeFalse();
    }

    [Test]
    public async Task An_audited_save_sends_no_statement_that_touches_the_chain_head()
    {
        var people = await Arrange.PeopleAsync(App, 1);
        var seen = new CommandLog();
        await using (var scope = App.Scope())
        {
            var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<TrainingHubDbContext>>();
            await using var db = new TrainingHubDbContext(new DbContextOptionsBuilder<TrainingHubDbContext>(options)
                .AddInterceptors(seen).Options);
            var person = await db.People.SingleAsync(p => p.Id == people[0]);
            person.FullName = "No Head Lock";
            await db.SaveChangesAsync();
        }

        seen.Commands.ShouldContain(c => c.Contains("INSERT INTO", StringComparison.Ordinal) && c.Contains("AuditEntries", StringComparison.Ordinal));
        seen.Commands.ShouldNotContain(c => c.Contains("AuditChainHead", StringComparison.Ordinal));
    }

    [Test]
    public async Task Two_writers_never_wait_on_each_other_for_the_audit_trail()
    {
        if (ProviderName == "Sqlite")
        {
            Assert.Ignore("SQLite has one writer for the whole file, whatever the audit does: the test that a save never touches the chain head covers it.");
        }

        var people = await Arrange.PeopleAsync(App, 2);
        await using var first = App.Scope();
        var a = first.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        await using var tx = await a.Database.BeginTransactionAsync();
        (await a.People.SingleAsync(p => p.Id == people[0])).FullName = "Writer A";
        await a.SaveChangesAsync(); // A's audit entry is written; A's transaction stays open

        var clock = Stopwatch.StartNew();
        var b = RenameAsync(people[1], "Writer B");
        (await Task.WhenAny(b, Task.Delay(TimeSpan.FromSeconds(10)))).ShouldBe(b, "B waited on A's open transaction");
        await b;
        var waited = clock.Elapsed;
        await tx.CommitAsync();
        TestContext.Out.WriteLine($"{ProviderName}: writer B's audited save took {waited.TotalMilliseconds:F0} ms while writer A's audited transaction stayed open");
        waited.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        await App.SealAuditAsync();
        (await VerifyAsync()).Intact.ShouldBeTrue();
    }

    private sealed class CommandLog : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
