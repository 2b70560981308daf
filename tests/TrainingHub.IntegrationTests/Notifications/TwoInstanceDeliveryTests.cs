using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment.Messages;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// Two real app processes (the built TrainingHub.Web.dll run with <c>dotnet</c>), each with its own instance id, on one
/// PostgreSQL database and one SMTP server, both dispatching: every queued message arrives exactly once, and both
/// processes send some. PostgreSQL only: SQLite is one file for one process.
/// </summary>
public sealed class TwoInstanceDeliveryTests(string provider) : MailFixture(provider)
{
    private const int Messages = 200;

    protected override string? Isolation => "two-instances";

    [Test]
    [CancelAfter(180_000)]
    public async Task Two_processes_on_one_database_deliver_every_message_exactly_once_and_share_the_work()
    {
        if (ProviderName != "Postgres")
        {
            Assert.Ignore("Two app processes share one database only on PostgreSQL: a SQLite file belongs to one process.");
        }

        var clock = Stopwatch.StartNew();
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var a = new AppProcess("proc-a-" + run, App.ConnectionString, Mail.SmtpPort);
        await using var b = new AppProcess("proc-b-" + run, App.ConnectionString, Mail.SmtpPort);
        // One after the other: the first creates Hangfire's schema, the second finds it.
        await a.StartAsync();
        await b.StartAsync();
        TestContext.Out.WriteLine($"both processes ready after {clock.Elapsed.TotalSeconds:F1} s");

        var keys = Enumerable.Range(0, Messages).Select(i => $"two-instances:{run}:{i:D3}").ToList();
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < Messages; i++)
            {
                var message = new EnrolmentConfirmed($"Pessoa {i}", "Turma distribuída", "TD-1", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 30));
                Outbox.Add(db, null, $"two.{run}.{i:D3}@example.gov.br", Languages.Portuguese, keys[i], message, now);
            }

            return await db.SaveChangesAsync();
        });

        var deadline = DateTime.UtcNow.AddSeconds(90);
        var sent = 0;
        while (DateTime.UtcNow < deadline && sent < Messages)
        {
            await Task.Delay(250);
            sent = await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => keys.Contains(m.IdempotencyKey) && m.Status == OutboxStatus.Sent));
        }

        TestContext.Out.WriteLine($"{sent} sent after {clock.Elapsed.TotalSeconds:F1} s");
        sent.ShouldBe(Messages, $"sent by the two processes within 90 s\n--- a ---\n{a.Output}\n--- b ---\n{b.Output}");

        // maildev stores each message a moment after its SMTP exchange: wait for all, then a little longer for any duplicate.
        var expected = keys.ToDictionary(k => DispatchOutbox.MessageId(k, "traininghub.test").Trim('<', '>'), _ => 0);
        List<string> ids = [];
        for (var i = 0; i < 40 && ids.Count < Messages; i++)
        {
            await Task.Delay(250);
            ids = await MessageIdsAsync(run);
        }

        await Task.Delay(1000);
        ids = await MessageIdsAsync(run);
        foreach (var id in ids)
        {
            expected.ContainsKey(id).ShouldBeTrue($"unexpected Message-ID {id}");
            expected[id]++;
        }

        expected.Where(e => e.Value != 1).Select(e => $"{e.Key}: {e.Value}").ShouldBeEmpty("every key arrives exactly once");

        // The history says who sent what: both processes took part, and each message was sent by exactly one attempt.
        var attempts = await App.WithDbAsync(db => db.OutboxAttempts.AsNoTracking()
            .Where(x => db.OutboxMessages.Any(m => m.Id == x.OutboxMessageId && keys.Contains(m.IdempotencyKey)) && x.Outcome == OutboxAttemptOutcome.Sent)
            .Select(x => new { x.OutboxMessageId, x.Instance }).ToListAsync());
        attempts.Count.ShouldBe(Messages);
        attempts.Select(x => x.OutboxMessageId).Distinct().Count().ShouldBe(Messages);
        var byInstance = attempts.GroupBy(x => x.Instance).ToDictionary(g => g.Key, g => g.Count());
        byInstance.Keys.ShouldBe([a.Instance, b.Instance], ignoreOrder: true, string.Join(", ", byInstance.Select(kv => $"{kv.Key}={kv.Value}")));
        TestContext.Out.WriteLine(string.Join(", ", byInstance.Select(kv => $"{kv.Key} sent {kv.Value}")));
    }

    private async Task<List<string>> MessageIdsAsync(string run) => (await Mail.AllAsync())
        .Where(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString()!.StartsWith($"two.{run}.", StringComparison.Ordinal)))
        .Select(m => m.GetProperty("messageId").GetString()!.Trim('<', '>'))
        .ToList();
}
