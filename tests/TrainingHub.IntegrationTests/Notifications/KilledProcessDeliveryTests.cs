using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment.Messages;
using TrainingHub.Core.Notifications;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// A real app process killed (SIGKILL, no shutdown) in the middle of sending the outbox, and a second process started
/// after it: every message still arrives, and at most the two messages whose acceptance the killed process had not yet
/// recorded (the one being recorded while the next was sent) arrive twice, with the same Message-IDs. PostgreSQL only: two processes share a database only there.
/// </summary>
public sealed class KilledProcessDeliveryTests(string provider) : MailFixture(provider)
{
    private const int Messages = 400;

    protected override string? Isolation => "killed-process";

    [Test]
    [CancelAfter(240_000)]
    public async Task A_process_killed_while_sending_loses_nothing_and_repeats_at_most_two_messages()
    {
        if (ProviderName != "Postgres")
        {
            Assert.Ignore("A second app process shares the database only on PostgreSQL: a SQLite file belongs to one process.");
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, Messages).Select(i => $"killed:{run}:{i:D3}").ToList();
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < Messages; i++)
            {
                var message = new EnrolmentConfirmed($"Pessoa {i}", "Turma interrompida", "TI-1", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 30));
                Outbox.Add(db, null, $"killed.{run}.{i:D3}@example.gov.br", Languages.Portuguese, keys[i], message, now);
            }

            return await db.SaveChangesAsync();
        });

        // The shortest lease the settings allow, so that the survivor takes over the killed process's rows quickly.
        var settings = new Dictionary<string, string> { ["Outbox__LeaseSeconds"] = "10" };
        var a = new AppProcess("killed-a-" + run, App.ConnectionString, Mail.SmtpPort, settings);
        await using (a)
        {
            await a.StartAsync();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            var sentBeforeKill = 0;
            while (DateTime.UtcNow < deadline && sentBeforeKill < Messages / 4)
            {
                await Task.Delay(20);
                sentBeforeKill = await SentAsync(keys);
            }

            sentBeforeKill.ShouldBeGreaterThanOrEqualTo(Messages / 4, $"the first process sends within 90 s\n{a.Output}");
        }

        // Disposing kills the process tree without a shutdown: whatever it held stays "sending" until its lease expires.
        var held = await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => keys.Contains(m.IdempotencyKey) && m.Status == OutboxStatus.Sending));
        var sentAtKill = await SentAsync(keys);
        TestContext.Out.WriteLine($"killed with {sentAtKill} sent and {held} held in its claimed batch");
        sentAtKill.ShouldBeLessThan(Messages, "the process was killed before it finished");

        var clock = Stopwatch.StartNew();
        await using var b = new AppProcess("killed-b-" + run, App.ConnectionString, Mail.SmtpPort, settings);
        await b.StartAsync();
        var sent = 0;
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until && sent < Messages)
        {
            await Task.Delay(250);
            sent = await SentAsync(keys);
        }

        TestContext.Out.WriteLine($"the second process finished the queue in {clock.Elapsed.TotalSeconds:F1} s");
        sent.ShouldBe(Messages, $"every message marked sent after the restart\n{b.Output}");

        var expected = keys.ToDictionary(k => DispatchOutbox.MessageId(k, "traininghub.test").Trim('<', '>'), _ => 0);
        List<string> ids = [];
        for (var i = 0; i < 80 && ids.Count < Messages; i++)
        {
            await Task.Delay(250);
            ids = await MessageIdsAsync(run);
        }

        await Task.Delay(1000);
        foreach (var id in await MessageIdsAsync(run))
        {
            expected.ContainsKey(id).ShouldBeTrue($"unexpected Message-ID {id}");
            expected[id]++;
        }

        expected.Where(e => e.Value == 0).Select(e => e.Key).ShouldBeEmpty("no message is lost");
        var repeated = expected.Where(e => e.Value > 1).ToList();
        TestContext.Out.WriteLine($"repeated after the kill: {repeated.Count} ({string.Join(", ", repeated.Select(e => $"{e.Key}×{e.Value}"))})");
        repeated.Count.ShouldBeLessThanOrEqualTo(2, "at most the message being recorded and the one in its SMTP exchange at the kill go out twice");
        repeated.ShouldAllBe(e => e.Value == 2);
    }

    private Task<int> SentAsync(List<string> keys) =>
        App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => keys.Contains(m.IdempotencyKey) && m.Status == OutboxStatus.Sent));

    private async Task<List<string>> MessageIdsAsync(string run) => (await Mail.AllAsync())
        .Where(m => m.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString()!.StartsWith($"killed.{run}.", StringComparison.Ordinal)))
        .Select(m => m.GetProperty("messageId").GetString()!.Trim('<', '>'))
        .ToList();
}
