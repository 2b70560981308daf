using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Attendance.Messages;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Attendance;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>Opening a webinar's check-in tells every seated person once per window, in their language, with the check-in link.</summary>
public sealed class CheckInOpenNotificationTests(string provider) : MailFixture(provider)
{
    [Test]
    public async Task Opening_a_webinar_check_in_emails_each_seated_person_once_in_their_language_with_the_link()
    {
        var s = await CheckInKit.SessionAsync(App, people: 2, webinar: true, languages: ["pt-BR", "en"]);
        using var instructor = await App.ApiClientAsync(s.InstructorEmail);
        var opened = await CheckInKit.OpenAsync(instructor, s.SessionId, minutes: 15);
        opened.GetProperty("notified").GetInt32().ShouldBe(2);
        var windowId = opened.GetProperty("windowId").GetInt64();
        (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith($"{nameof(CheckInOpen)}:{windowId}:")))).ShouldBe(2);

        await DispatchAsync();

        var emails = await App.WithDbAsync(db => db.People.Where(p => s.People.Contains(p.Id)).OrderBy(p => p.Id).Select(p => p.Email).ToListAsync());
        var link = $"https://traininghub.test/checkin?s={s.SessionId}";
        var pt = (await Mail.ForAsync(emails[0])).ShouldHaveSingleItem();
        pt.GetProperty("subject").GetString().ShouldBe("Registro de presença aberto: Webinário de hoje");
        pt.GetProperty("text").GetString()!.ShouldContain("digite o código exibido no webinário");
        pt.GetProperty("text").GetString()!.ShouldContain(link);
        pt.GetProperty("html").GetString()!.ShouldContain($"href=\"{link.Replace("&", "&amp;", StringComparison.Ordinal)}\"");
        pt.GetProperty("headers").TryGetProperty("list-unsubscribe", out _).ShouldBeTrue(); // optional message
        var en = (await Mail.ForAsync(emails[1])).ShouldHaveSingleItem();
        en.GetProperty("subject").GetString().ShouldBe("Check-in is open: Webinário de hoje");
        en.GetProperty("text").GetString()!.ShouldContain("type the code shown in the webinar");
        en.GetProperty("text").GetString()!.ShouldContain(link);

        // A class (not a webinar series) queues nothing.
        var cls = await CheckInKit.SessionAsync(App, people: 1);
        using var other = await App.ApiClientAsync(cls.InstructorEmail);
        (await CheckInKit.OpenAsync(other, cls.SessionId)).GetProperty("notified").GetInt32().ShouldBe(0);
    }

    private async Task DispatchAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = Mail.SmtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo — Capacitação", TimeoutSeconds = 10 };
        var settings = App.Services.GetRequiredService<DispatchSettings>() with { BatchSize = 1000 };
        await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), App.Clock, settings, "it-checkin", CancellationToken.None);
    }
}
