using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Notifications.Messages;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// Session reminders a day and an hour before, with their calendar invitation, as maildev receives them; a reschedule
/// sends an update (higher SEQUENCE), a cancellation a METHOD:CANCEL; running the job again sends nothing twice.
/// </summary>
public sealed class SessionReminderTests(string provider) : MailFixture(provider)
{
    private const string Place = "Sala 3, Bloco B; térreo — Escola de Governo";

    [Test]
    public async Task Reminders_arrive_a_day_and_an_hour_before_in_both_languages_with_an_invitation_and_a_rerun_sends_nothing()
    {
        var start = Minute(App.Clock.GetUtcNow().UtcDateTime.AddHours(20));
        var (offeringId, sessionId, title) = await ClassWithSessionAsync(start, place: Place, stream: null);
        var people = await PeopleAsync(("Conceição Araújo", Languages.Portuguese), ("Ana Müller", Languages.English));
        await EnrolAsync(offeringId, people);

        (await RemindAsync()).ShouldBeGreaterThanOrEqualTo(2);
        (await KeysAsync(people)).Count.ShouldBe(2);
        await RemindAsync();
        (await KeysAsync(people)).Count.ShouldBe(2);
        await DispatchAsync();

        var pt = (await MailAsync(people[0])).ShouldHaveSingleItem();
        pt.GetProperty("subject").GetString().ShouldBe($"Lembrete: Encontro 1 ({title}) em {SaoPaulo.FormatDateTime(start)}");
        var ptText = pt.GetProperty("text").GetString()!;
        ptText.ShouldContain("Olá, Conceição Araújo.");
        ptText.ShouldContain("Local: " + Place);
        pt.GetProperty("html").GetString()!.ShouldContain("<html lang=\"pt-BR\">");
        var ics = await CalendarAsync(pt);
        ics.Single("METHOD").ShouldBe("REQUEST");
        ics.Single("UID").ShouldBe($"session-{sessionId}@traininghub");
        ics.Single("SEQUENCE").ShouldBe("0");
        ics.Single("DTSTART").ShouldBe("TZID=America/Sao_Paulo:" + Local(start));
        ics.Single("DTEND").ShouldBe("TZID=America/Sao_Paulo:" + Local(start.AddHours(3)));
        ics.Zone("TZID").ShouldBe("America/Sao_Paulo");
        ics.Zone("TZOFFSETTO").ShouldBe("-0300");
        ics.Single("LOCATION").ShouldBe(@"Sala 3\, Bloco B\; térreo — Escola de Governo");
        ics.Single("STATUS").ShouldBe("CONFIRMED");
        ics.Single("ATTENDEE").ShouldEndWith(":mailto:" + await EmailOfAsync(people[0]));
        // Rendered when queued, with the app's settings: the organiser is the app's sender (Smtp:From).
        ics.Single("ORGANIZER").ShouldEndWith(":mailto:" + App.Services.GetRequiredService<DispatchSettings>().CalendarOrganizer);
        ics.Single("DTSTAMP").ShouldMatch(@"^\d{8}T\d{6}Z$");

        var en = (await MailAsync(people[1])).ShouldHaveSingleItem();
        en.GetProperty("subject").GetString().ShouldBe($"Reminder: Encontro 1 ({title}) on {SaoPaulo.FormatDateTime(start)}");
        en.GetProperty("text").GetString()!.ShouldContain("Hello, Ana Müller.");
        en.GetProperty("text").GetString()!.ShouldContain("The attached invitation adds it to your calendar.");
        (await CalendarAsync(en)).Single("UID").ShouldBe($"session-{sessionId}@traininghub");

        // Half an hour before: the hour reminder, once, however often the job runs.
        App.Clock.Advance(TimeSpan.FromHours(19.5));
        await RemindAsync();
        await RemindAsync();
        (await KeysAsync(people)).Count.ShouldBe(4);
        await DispatchAsync();
        var both = await MailAsync(people[0], 2);
        both.Count.ShouldBe(2);
        both.Select(m => m.GetProperty("subject").GetString()).ShouldContain($"Começa em uma hora: Encontro 1 ({title})");

        // Each message's history: one attempt, sent by this dispatcher.
        var history = await App.WithDbAsync(db => db.OutboxAttempts.AsNoTracking()
            .Where(a => db.OutboxMessages.Any(m => m.Id == a.OutboxMessageId && m.MessageType == nameof(SessionReminder) && m.RecipientPersonId != null && people.Contains(m.RecipientPersonId.Value)))
            .ToListAsync());
        history.Count.ShouldBe(4);
        history.ShouldAllBe(a => a.Outcome == OutboxAttemptOutcome.Sent && a.Attempt == 1 && a.Instance == "it-reminders");
    }

    [Test]
    public async Task A_rescheduled_session_sends_an_update_and_fresh_reminders_and_a_cancelled_one_a_calendar_cancellation()
    {
        var start = Minute(App.Clock.GetUtcNow().UtcDateTime.AddHours(10));
        var (offeringId, sessionId, title) = await ClassWithSessionAsync(start, place: null, stream: "https://stream.example.gov.br/live?id=1,2");
        var people = await PeopleAsync(("Joana Lima", Languages.Portuguese), ("Mary Poppins", Languages.English));
        await EnrolAsync(offeringId, people);
        await RemindAsync();
        await DispatchAsync();
        (await MailAsync(people[0])).ShouldHaveSingleItem();

        // A third person enrols after the invitations went out: not invited, so no update for them.
        var late = await PeopleAsync(("Pedro Late", Languages.Portuguese));
        await EnrolAsync(offeringId, late);

        var moved = start.AddDays(2);
        await WithAdminAsync((db, scope) => RescheduleSession.HandleAsync(db, scope, App.Clock, sessionId, new RescheduleRequest(DateTime.SpecifyKind(moved, DateTimeKind.Utc), DateTime.SpecifyKind(moved.AddHours(3), DateTimeKind.Utc)), CancellationToken.None));
        await DispatchAsync();
        var pt = await MailAsync(people[0], 2);
        var update = pt.Single(m => m.GetProperty("subject").GetString()!.StartsWith("Encontro remarcado", StringComparison.Ordinal));
        update.GetProperty("subject").GetString().ShouldBe($"Encontro remarcado: Encontro 1 ({title}) agora em {SaoPaulo.FormatDateTime(moved)}");
        update.GetProperty("text").GetString()!.ShouldContain("https://stream.example.gov.br/live?id=1,2");
        var ics = await CalendarAsync(update);
        ics.Single("METHOD").ShouldBe("REQUEST");
        ics.Single("UID").ShouldBe($"session-{sessionId}@traininghub");
        ics.Single("SEQUENCE").ShouldBe("1");
        ics.Single("DTSTART").ShouldBe("TZID=America/Sao_Paulo:" + Local(moved));
        ics.Single("URL").ShouldBe("https://stream.example.gov.br/live?id=1,2");
        ics.Single("LOCATION").ShouldBe(@"https://stream.example.gov.br/live?id=1\,2");
        var en = await MailAsync(people[1], 2);
        en.Select(m => m.GetProperty("subject").GetString()).ShouldContain($"Session moved: Encontro 1 ({title}) now on {SaoPaulo.FormatDateTime(moved)}");
        (await MailAsync(late[0], 0)).ShouldBeEmpty();

        // The new time is reminded afresh (schedule version 1), once.
        App.Clock.Advance(TimeSpan.FromDays(2));
        await RemindAsync();
        await RemindAsync();
        var keys = await KeysAsync([.. people, .. late]);
        keys.Count(k => k.StartsWith($"session-reminder:{sessionId}:v1:", StringComparison.Ordinal)).ShouldBe(3);
        keys.Count(k => k.StartsWith($"session-update:{sessionId}:v1:", StringComparison.Ordinal)).ShouldBe(2);
        await DispatchAsync();

        var cancelled = await WithAdminAsync((db, scope) => CancelSession.HandleAsync(db, scope, App.Clock, sessionId, CancellationToken.None));
        cancelled.ShouldBe(3);
        await DispatchAsync();
        var notice = (await MailAsync(people[1], 3)).Single(m => m.GetProperty("subject").GetString()!.StartsWith("Session cancelled", StringComparison.Ordinal));
        var cancel = await CalendarAsync(notice, "CANCEL");
        cancel.Single("METHOD").ShouldBe("CANCEL");
        cancel.Single("STATUS").ShouldBe("CANCELLED");
        cancel.Single("UID").ShouldBe($"session-{sessionId}@traininghub");
        cancel.Single("SEQUENCE").ShouldBe("2");
    }

    [Test]
    public async Task A_cancelled_class_cancels_the_invitations_of_its_sessions()
    {
        var start = Minute(App.Clock.GetUtcNow().UtcDateTime.AddHours(5));
        var (offeringId, sessionId, _) = await ClassWithSessionAsync(start, place: Place, stream: null);
        var people = await PeopleAsync(("Rita Souza", Languages.Portuguese));
        await EnrolAsync(offeringId, people);
        await RemindAsync();
        await DispatchAsync();

        (await WithAdminAsync((db, scope) => CancelOffering.HandleAsync(db, scope, App.Clock, offeringId, CancellationToken.None))).ShouldBe(1);
        await DispatchAsync();
        var notice = (await MailAsync(people[0], 2)).Single(m => m.GetProperty("subject").GetString()!.StartsWith("Turma cancelada", StringComparison.Ordinal));
        var ics = await CalendarAsync(notice, "CANCEL");
        ics.Single("UID").ShouldBe($"session-{sessionId}@traininghub");
        ics.Single("SEQUENCE").ShouldBe("1");
        ics.Single("STATUS").ShouldBe("CANCELLED");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static DateTime Minute(DateTime t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    private static string Local(DateTime utc) => SaoPaulo.ToLocal(utc).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private async Task<(int OfferingId, int SessionId, string Title)> ClassWithSessionAsync(DateTime start, string? place, string? stream)
    {
        var offeringId = await Arrange.ClassAsync(App, 10, o =>
        {
            o.Title = "Licitações e Contratos — Módulo " + Guid.NewGuid().ToString("N")[..6];
            // The class's period holds the session and the date it may be moved to (sessions stay within their class).
            o.StartsOn = DateOnly.FromDateTime(start.AddDays(-1));
            o.EndsOn = DateOnly.FromDateTime(start.AddDays(7));
            o.Sessions.Clear();
            o.Sessions.Add(new Session { Title = "Encontro 1", StartsAt = start, EndsAt = start.AddHours(3), CreditedMinutes = 180, Place = place, StreamUrl = stream });
        });
        return await App.WithDbAsync(async db =>
        {
            var s = await db.Sessions.Where(x => x.OfferingId == offeringId).Select(x => new { x.Id, x.Offering!.Title }).SingleAsync();
            return (offeringId, s.Id, s.Title);
        });
    }

    private async Task<List<int>> PeopleAsync(params (string Name, string Language)[] who)
    {
        var ids = await Arrange.PeopleAsync(App, who.Length);
        for (var i = 0; i < ids.Count; i++)
        {
            var (name, language) = who[i];
            var id = ids[i];
            await App.WithDbAsync(db => db.People.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.FullName, name).SetProperty(p => p.PreferredLanguage, language)));
        }

        return ids;
    }

    private async Task EnrolAsync(int offeringId, IEnumerable<int> people)
    {
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        foreach (var personId in people)
        {
            var response = await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        // The enrolment confirmations are not this test's subject: they go out first, out of the way.
        await DispatchAsync();
    }

    private Task<int> RemindAsync() => App.WithDbAsync(db => QueueSessionReminders.HandleAsync(db, App.Clock, CancellationToken.None));

    private async Task<T> WithAdminAsync<T>(Func<TrainingHubDbContext, ReaderScope, Task<Result<T>>> work)
    {
        var scope = new ReaderScope("it", null, new HashSet<string> { Roles.Administrator }, null, null);
        var result = await App.WithDbAsync(db => work(db, scope));
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
        return result.Value!;
    }

    private Task<List<string>> KeysAsync(IReadOnlyCollection<int> people) => App.WithDbAsync(db => db.OutboxMessages
        .Where(m => m.RecipientPersonId != null && people.Contains(m.RecipientPersonId.Value)
            && (m.MessageType == nameof(SessionReminder) || m.MessageType == nameof(SessionRescheduled)))
        .Select(m => m.IdempotencyKey).ToListAsync());

    /// <summary>What the person received, less the enrolment confirmation every test's arrangement sends first.</summary>
    private async Task<List<JsonElement>> MailAsync(int personId, int expected = 1)
    {
        var all = await Mail.ForAsync(await EmailOfAsync(personId), expected + 1);
        return all.Where(m => m.GetProperty("subject").GetString() is { } s
            && !s.StartsWith("Inscrição confirmada", StringComparison.Ordinal) && !s.StartsWith("Enrolment confirmed", StringComparison.Ordinal)).ToList();
    }

    private Task<string> EmailOfAsync(int personId) => App.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync());

    private async Task DispatchAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = Mail.SmtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo — Capacitação", TimeoutSeconds = 10 };
        var settings = new DispatchSettings(BatchSize: 1000, PublicUrl: "https://traininghub.test", MessageIdDomain: "traininghub.test",
            Unsubscribe: App.Services.GetRequiredService<IUnsubscribeTokens>(), CalendarOrganizer: smtp.From, CalendarOrganizerName: smtp.FromName);
        var outcome = await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), App.Clock, settings, "it-reminders", CancellationToken.None);
        outcome.DeadLettered.ShouldBe(0);
    }

    /// <summary>The message's .ics attachment, checked for CRLF line ends and 75-octet folding, then unfolded and parsed.</summary>
    private async Task<Calendar> CalendarAsync(JsonElement message, string method = "REQUEST")
    {
        var attachment = message.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        attachment.GetProperty("contentType").GetString()!.ShouldStartWith("text/calendar");
        attachment.GetProperty("fileName").GetString().ShouldBe("convite.ics");
        var bytes = await Mail.AttachmentAsync(message, attachment.GetProperty("generatedFileName").GetString()!);
        var raw = Encoding.UTF8.GetString(bytes);
        raw.ShouldEndWith("END:VCALENDAR\r\n");
        raw.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain("\n");
        foreach (var physical in raw.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(physical).ShouldBeLessThanOrEqualTo(75, physical);
        }

        var calendar = new Calendar(raw.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        calendar.Single("METHOD").ShouldBe(method);
        return calendar;
    }

    private sealed class Calendar(string[] lines)
    {
        private readonly int zoneStart = Array.IndexOf(lines, "BEGIN:VTIMEZONE");
        private readonly int zoneEnd = Array.IndexOf(lines, "END:VTIMEZONE");

        /// <summary>The one value of a property outside the time zone: what follows its name (parameters included, after ';').</summary>
        public string Single(string name) => Find(lines.Where((_, i) => i < zoneStart || i > zoneEnd), name);

        /// <summary>The one value of a property of the VTIMEZONE.</summary>
        public string Zone(string name) => Find(lines.Where((_, i) => i > zoneStart && i < zoneEnd), name);

        private static string Find(IEnumerable<string> among, string name) => among
            .Where(l => l.StartsWith(name + ":", StringComparison.Ordinal) || l.StartsWith(name + ";", StringComparison.Ordinal))
            .Select(l => l[(name.Length + 1)..])
            .ShouldHaveSingleItem(name);
    }
}
