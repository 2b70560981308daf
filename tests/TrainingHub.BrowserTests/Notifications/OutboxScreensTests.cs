using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment.Messages;
using TrainingHub.Core.Notifications;

namespace TrainingHub.BrowserTests.Notifications;

/// <summary>An outbox message's details with its delivery history, as an administrator sees them.</summary>
public sealed class OutboxScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task An_administrator_reads_a_messages_delivery_history(string lang)
    {
        var id = await MessageWithHistoryAsync(lang);
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync($"/admin/outbox/{id}");
        await Expect(Page.Locator("table[data-testid=history] tr[data-outcome]")).ToHaveCountAsync(2);
        await Expect(Page.Locator("table[data-testid=history] tr[data-outcome=Retry]")).ToContainTextAsync("Connection refused");
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "outbox-history", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    /// <summary>A message given two attempts (a refused connection, then sent), one per test case (they run in parallel).</summary>
    private static async Task<long> MessageWithHistoryAsync(string lang)
    {
        await using var scope = TestApp.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var key = "browser-tests:outbox-history:" + lang;
        if (!await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == key))
        {
            var person = await db.People.OrderBy(p => p.Id).FirstAsync();
            var at = DateTime.UtcNow.AddMinutes(-3);
            Outbox.Add(db, person.Id, person.Email, person.PreferredLanguage, key,
                new EnrolmentConfirmed(person.FullName, "Gestão de Contratos", "GC-1", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 30)), at);
            await db.SaveChangesAsync();
            var id = await db.OutboxMessages.Where(m => m.IdempotencyKey == key).Select(m => m.Id).SingleAsync();
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.Attempts, 2).SetProperty(m => m.SentAt, at.AddMinutes(1)));
            db.OutboxAttempts.Add(new OutboxAttempt { OutboxMessageId = id, Attempt = 1, At = at, Instance = "web-1:4242", Outcome = OutboxAttemptOutcome.Retry, Error = "SMTP server 127.0.0.1:25 unavailable: Connection refused" });
            db.OutboxAttempts.Add(new OutboxAttempt { OutboxMessageId = id, Attempt = 2, At = at.AddMinutes(1), Instance = "web-2:4343", Outcome = OutboxAttemptOutcome.Sent });
            await db.SaveChangesAsync();
        }

        return await db.OutboxMessages.Where(m => m.IdempotencyKey == key).Select(m => m.Id).SingleAsync();
    }
}
