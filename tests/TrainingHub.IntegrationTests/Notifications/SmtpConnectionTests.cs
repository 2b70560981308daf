using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment.Messages;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// How the outbox dispatcher uses its SMTP connection, against a server that counts connections and misbehaves on
/// purpose (<see cref="SmtpListener"/>): one connection for a batch, a refused recipient fails only its own message, a
/// busy mailbox is tried again later, and a connection the server drops mid-batch is opened again.
/// </summary>
public sealed class SmtpConnectionTests(string provider) : OnBothDatabases(provider)
{
    protected override string? Isolation => "smtp-connection";

    [Test]
    public async Task A_batch_goes_out_over_one_connection_each_message_with_the_message_id_of_its_key()
    {
        using var server = new SmtpListener();
        var rows = await QueueAsync(5);

        var outcome = await DispatchAsync(server);

        outcome.Sent.ShouldBe(5);
        server.Connections.ShouldBe(1);
        server.Accepted.Select(a => a.To).ShouldBe(rows.Select(r => r.ToAddress), ignoreOrder: true);
        server.Accepted.Select(a => a.MessageId).ShouldBe(rows.Select(r => DispatchOutbox.MessageId(r.IdempotencyKey, "traininghub.test")), ignoreOrder: true);
        var after = await RowsAsync(rows);
        after.ShouldAllBe(r => r.Status == OutboxStatus.Sent && r.SentAt != null && r.LockedBy == null);
        var history = await AttemptsAsync(rows);
        history.Count.ShouldBe(5);
        history.ShouldAllBe(a => a.Outcome == OutboxAttemptOutcome.Sent && a.Attempt == 1 && a.Instance == "it-smtp");
    }

    [Test]
    public async Task A_refused_recipient_fails_only_its_message_and_a_busy_mailbox_is_tried_again()
    {
        using var server = new SmtpListener
        {
            ReplyToRecipient = to => to.StartsWith("refused", StringComparison.Ordinal) ? "550 5.1.1 <" + to + ">: Recipient address rejected: User unknown"
                : to.StartsWith("busy", StringComparison.Ordinal) ? "451 4.2.0 Mailbox busy, try later"
                : null,
        };
        var rows = await QueueAsync(5, i => i switch { 1 => "refused", 3 => "busy", _ => "pessoa" });

        var outcome = await DispatchAsync(server);

        (outcome.Sent, outcome.DeadLettered, outcome.Retried).ShouldBe((3, 1, 1));
        server.Connections.ShouldBe(1);
        server.Accepted.Select(a => a.To).ShouldBe([rows[0].ToAddress, rows[2].ToAddress, rows[4].ToAddress], ignoreOrder: true);
        var after = (await RowsAsync(rows)).ToDictionary(r => r.Id);
        var refused = after[rows[1].Id];
        refused.Status.ShouldBe(OutboxStatus.DeadLetter);
        refused.LastError.ShouldNotBeNull();
        refused.LastError.ShouldContain("550");
        refused.LastError.ShouldContain("User unknown");
        var busy = after[rows[3].Id];
        busy.Status.ShouldBe(OutboxStatus.Pending);
        busy.LastError!.ShouldContain("451");
        busy.NextAttemptAt.ShouldBeGreaterThan(App.Clock.GetUtcNow().UtcDateTime);
        new[] { rows[0], rows[2], rows[4] }.ShouldAllBe(r => after[r.Id].Status == OutboxStatus.Sent);
    }

    [Test]
    public async Task A_connection_the_server_drops_mid_batch_is_opened_again_and_every_message_arrives_once()
    {
        using var server = new SmtpListener { DropFirstConnectionAfter = 2 };
        var rows = await QueueAsync(5);

        var outcome = await DispatchAsync(server);

        outcome.Sent.ShouldBe(5);
        server.Connections.ShouldBe(2);
        server.Accepted.Select(a => a.To).ShouldBe(rows.Select(r => r.ToAddress), ignoreOrder: true);
        (await RowsAsync(rows)).ShouldAllBe(r => r.Status == OutboxStatus.Sent);
    }

    [Test]
    public async Task A_server_that_cannot_be_reached_leaves_the_whole_batch_for_later()
    {
        int port;
        using (var gone = new SmtpListener())
        {
            port = gone.Port;
        }

        var rows = await QueueAsync(3);
        var outcome = await DispatchAsync(port);

        (outcome.Sent, outcome.Retried).ShouldBe((0, 3));
        (await RowsAsync(rows)).ShouldAllBe(r => r.Status == OutboxStatus.Pending && r.LastError!.Contains("unavailable"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>Enrolment confirmations for new addresses (the outbox of this fixture's database holds nothing else due).</summary>
    private async Task<List<OutboxMessage>> QueueAsync(int count, Func<int, string>? prefix = null)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = new List<string>();
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var key = $"smtp-test:{run}:{i}";
                keys.Add(key);
                Outbox.Add(db, null, $"{prefix?.Invoke(i) ?? "pessoa"}{i}.{run}@example.gov.br", i % 2 == 0 ? Languages.Portuguese : Languages.English,
                    key, new EnrolmentConfirmed($"Pessoa {i}", "Licitações e Contratos", "LC-1", new DateOnly(2027, 3, 1), new DateOnly(2027, 3, 5)),
                    App.Clock.GetUtcNow().UtcDateTime);
            }

            return await db.SaveChangesAsync();
        });
        return await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey)).OrderBy(m => m.Id).ToListAsync());
    }

    private Task<DispatchOutcome> DispatchAsync(SmtpListener server) => DispatchAsync(server.Port);

    private async Task<DispatchOutcome> DispatchAsync(int port)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, From = "cursos@traininghub.test", FromName = "Escola de Governo", TimeoutSeconds = 10 };
        var settings = new DispatchSettings(BatchSize: 1000, MessageIdDomain: "traininghub.test");
        return await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), App.Clock, settings, "it-smtp", CancellationToken.None);
    }

    private Task<List<OutboxMessage>> RowsAsync(List<OutboxMessage> rows)
    {
        var ids = rows.Select(r => r.Id).ToList();
        return App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
    }

    private Task<List<OutboxAttempt>> AttemptsAsync(List<OutboxMessage> rows)
    {
        var ids = rows.Select(r => r.Id).ToList();
        return App.WithDbAsync(db => db.OutboxAttempts.AsNoTracking().Where(a => ids.Contains(a.OutboxMessageId)).ToListAsync());
    }
}
