using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>The outbox page and API (whole-installation administrators only), and the scheduler running the dispatcher.</summary>
public sealed class OutboxAdministrationTests(string provider) : OnBothDatabases(provider)
{
    /// <summary>An outbox no other fixture fills: each test dispatches everything that is due.</summary>
    protected override string? Isolation => "notifications";

    private const string ScopedAdmin = "admin.prefeitura@demo.traininghub.local";

    [Test]
    public async Task The_api_lists_retries_and_cancels_and_refuses_what_does_not_apply()
    {
        var (id, email) = await QueueAsync("NoSuchMessage", OutboxStatus.DeadLetter);
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);

        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/outbox?status=DeadLetter&search={Uri.EscapeDataString(email)}");
        var item = list.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("id").GetInt64().ShouldBe(id);
        item.GetProperty("status").GetString().ShouldBe("DeadLetter");

        var retried = await api.PostAsync(new Uri($"/api/v1/outbox/{id}/retry", UriKind.Relative), null);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Pending");
        var row = await RowAsync(id);
        row.ShouldSatisfyAllConditions(r => r.Status.ShouldBe(OutboxStatus.Pending), r => r.Attempts.ShouldBe(0));

        (await api.PostAsync(new Uri($"/api/v1/outbox/{id}/cancel", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RowAsync(id)).Status.ShouldBe(OutboxStatus.Cancelled);
        var again = await api.PostAsync(new Uri($"/api/v1/outbox/{id}/cancel", UriKind.Relative), null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("já cancelada");
        (await api.PostAsync(new Uri("/api/v1/outbox/999999999/retry", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var scoped = await App.ApiClientAsync(ScopedAdmin);
        (await scoped.GetAsync(new Uri("/api/v1/outbox", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await scoped.PostAsync(new Uri($"/api/v1/outbox/{id}/retry", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_message_in_any_state_can_be_retried_or_cancelled_and_each_change_is_audited()
    {
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var now = App.Clock.GetUtcNow().UtcDateTime;

        // Stuck "sending" (the poison row of issue 18, its lease still running): cancelled, and then sent again.
        var (stuck, _) = await QueueAsync("EnrolmentConfirmed", OutboxStatus.Pending);
        await SetAsync(stuck, OutboxStatus.Sending, attempts: 73, lockedBy: "host:1", lockedUntil: now.AddMinutes(4));
        (await api.PostAsync(new Uri($"/api/v1/outbox/{stuck}/cancel", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RowAsync(stuck)).ShouldSatisfyAllConditions(r => r.Status.ShouldBe(OutboxStatus.Cancelled), r => r.LockedBy.ShouldBeNull());
        await SetAsync(stuck, OutboxStatus.Sending, attempts: 73, lockedBy: "host:1", lockedUntil: now.AddMinutes(4));
        (await api.PostAsync(new Uri($"/api/v1/outbox/{stuck}/retry", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RowAsync(stuck)).ShouldSatisfyAllConditions(r => r.Status.ShouldBe(OutboxStatus.Pending), r => r.Attempts.ShouldBe(0), r => r.LockedBy.ShouldBeNull());

        // Already sent: it can be sent again, but not cancelled.
        var (sent, _) = await QueueAsync("EnrolmentConfirmed", OutboxStatus.Pending);
        await SetAsync(sent, OutboxStatus.Sent, attempts: 1, lockedBy: null, lockedUntil: null);
        var refused = await api.PostAsync(new Uri($"/api/v1/outbox/{sent}/cancel", UriKind.Relative), null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await RowAsync(sent)).Status.ShouldBe(OutboxStatus.Sent);
        (await api.PostAsync(new Uri($"/api/v1/outbox/{sent}/retry", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RowAsync(sent)).Status.ShouldBe(OutboxStatus.Pending);

        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(OutboxMessage) && (e.EntityId == stuck.ToString() || e.EntityId == sent.ToString()))
            .OrderBy(e => e.Id).ToListAsync());
        audit.Select(e => (e.EntityId, e.Action)).ShouldBe([(stuck.ToString(), "Cancel"), (stuck.ToString(), "Retry"), (sent.ToString(), "Retry")]);
        audit[0].BeforeJson!.ShouldContain("\"status\":\"Sending\"");
        audit[0].AfterJson!.ShouldContain("\"status\":\"Cancelled\"");
        audit.ShouldAllBe(e => e.ActorUserId != null);
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task The_page_shows_jobs_filters_details_and_retries_a_dead_letter()
    {
        var (id, email) = await QueueAsync("NoSuchMessage", OutboxStatus.DeadLetter);
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var (status, page) = await browser.GetPageAsync($"/admin/outbox?status=DeadLetter&search={Uri.EscapeDataString(email)}&culture=en");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("table[data-testid=jobs] tr[data-job]").Select(r => r.GetAttribute("data-job")).ShouldBe(["DispatchOutbox", "ExpireSeatOffers", "IssueCertificates", "SessionReminders", "MonthlyProgrammes", "ProgressDigests", "ApprovalDigests", "MonthlyReports", "VerifyAuditTrail", "NeedsSurveyReminders", "PurgeRegistrationRequests"]);
        page.QuerySelector("[data-testid=scheduler-off]").ShouldNotBeNull();
        page.QuerySelectorAll("table[data-testid=outbox] tr[data-id]").Select(r => r.GetAttribute("data-id")).ShouldBe([id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        var (_, details) = await browser.GetPageAsync($"/admin/outbox/{id}");
        details.QuerySelector("[data-field=last-error]")!.TextContent.ShouldContain("Unknown message type 'NoSuchMessage'");
        details.QuerySelector("[data-testid=payload]")!.TextContent.ShouldContain("\"x\": 1");
        details.QuerySelectorAll("form[method=post]").ShouldAllBe(f => f.QuerySelector("input[name=__RequestVerificationToken]") != null);

        // Nothing happens until the box saying what will happen is ticked.
        (await browser.SubmitAsync($"/admin/outbox/{id}", $"/admin/outbox/{id}/retry", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RowAsync(id)).Status.ShouldBe(OutboxStatus.DeadLetter);
        (await browser.GetPageAsync($"/admin/outbox/{id}")).Html.QuerySelector(".alert")!.TextContent.ShouldContain("Marque a confirmação para continuar.");
        (await browser.SubmitAsync($"/admin/outbox/{id}", $"/admin/outbox/{id}/retry", new Dictionary<string, string?> { ["confirm"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RowAsync(id)).Status.ShouldBe(OutboxStatus.Pending);
        (await browser.SubmitAsync($"/admin/outbox/{id}", $"/admin/outbox/{id}/cancel", new Dictionary<string, string?> { ["confirm"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RowAsync(id)).Status.ShouldBe(OutboxStatus.Cancelled);
        await SetAsync(id, OutboxStatus.Sent, attempts: 1, lockedBy: null, lockedUntil: null);
        var (_, sent) = await browser.GetPageAsync($"/admin/outbox/{id}?culture=en");
        sent.QuerySelector("[data-testid=retry-warning]")!.TextContent.ShouldBe("This message was already sent: the person will receive it again.");
        sent.QuerySelector("form[data-testid=cancel]").ShouldBeNull();

        using var scoped = NewBrowser();
        await scoped.SignInAsync(ScopedAdmin, "Demo-Passphrase-2026");
        var (_, home) = await scoped.GetPageAsync("/");
        home.QuerySelector("a[data-nav=outbox]").ShouldBeNull();
        (await scoped.GetPageAsync("/admin/outbox")).Status.ShouldNotBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task With_the_scheduler_on_the_dispatch_job_delivers_and_the_page_shows_its_runs()
    {
        using var mail = MailDev.Require();
        await using var scheduled = App.WithWebHostBuilder(b => b
            .UseSetting("Jobs:Enabled", "true")
            .UseSetting("Jobs:DispatchOutbox:IntervalSeconds", "1")
            // Certificate issuance would queue the demo's certificates ahead of this test's message: not before New Year.
            .UseSetting("Jobs:IssueCertificates:Cron", "0 0 1 1 *")
            // Likewise the reminders: the mail fixtures share one database, so the sessions other fixtures left would
            // keep the job busy (and the host's shutdown waiting for it) long after this test's message went out.
            .UseSetting("Jobs:SessionReminders:Cron", "0 0 1 1 *")
            .UseSetting("Smtp:Port", mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _ = scheduled.Server;
        var (_, email) = await QueueAsync("EnrolmentConfirmed", OutboxStatus.Pending);

        List<JsonElement> received = [];
        for (var i = 0; i < 100 && received.Count == 0; i++)
        {
            await Task.Delay(200);
            received = await mail.ForAsync(email);
        }

        received.ShouldHaveSingleItem().GetProperty("subject").GetString().ShouldBe("Inscrição confirmada: Curso de Teste");

        using var browser = new Browser(scheduled.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, page) = await browser.GetPageAsync("/admin/outbox?culture=pt-BR");
        page.QuerySelector("[data-testid=scheduler-off]").ShouldBeNull();
        var job = page.QuerySelector("tr[data-job=DispatchOutbox]")!;
        // The schedule in words, in the reader's language (no "every 1 s" left in Portuguese).
        job.QuerySelectorAll("td")[0].TextContent.ShouldStartWith("Envio dos e-mails da fila");
        job.QuerySelectorAll("td")[1].TextContent.ShouldStartWith("a cada segundo, em cada instância (esta: ");
        job.QuerySelectorAll("td")[3].TextContent.ShouldNotBe("—");
        // Hangfire's own next runs: the monthly job on the 1st at 07:00, São Paulo time.
        var monthly = page.QuerySelector("tr[data-job=MonthlyProgrammes]")!;
        monthly.QuerySelectorAll("td")[1].TextContent.ShouldBe("no dia 1 de cada mês às 07:00");
        monthly.QuerySelectorAll("td")[1].GetAttribute("data-cron").ShouldBe("0 7 1 * *");
        page.QuerySelector("tr[data-job=ApprovalDigests]")!.QuerySelectorAll("td")[1].TextContent.ShouldBe("nos dias úteis (segunda a sexta) às 08:00");
        page.QuerySelector("tr[data-job=IssueCertificates]")!.QuerySelectorAll("td")[1].TextContent.ShouldBe("todos os anos em 01/01 às 00:00");
        monthly.QuerySelectorAll("td")[3].TextContent.ShouldStartWith("01/");
        monthly.QuerySelectorAll("td")[3].TextContent.ShouldEndWith("07:00");

        // The message's history: one attempt, sent, by this instance; on the page and over the API.
        var id = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == email).Select(m => m.Id).SingleAsync());
        var (_, details) = await browser.GetPageAsync($"/admin/outbox/{id}?culture=en");
        details.QuerySelectorAll("table[data-testid=history] tr[data-outcome]").Select(r => r.GetAttribute("data-outcome")).ShouldBe(["Sent"]);
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/outbox/{id}");
        var history = detail.GetProperty("history").EnumerateArray().ShouldHaveSingleItem();
        history.GetProperty("attempt").GetInt32().ShouldBe(1);
        history.GetProperty("outcome").GetString().ShouldBe("Sent");
        history.GetProperty("instance").GetString().ShouldNotBeNullOrEmpty();
        using var scheduledApi = scheduled.CreateClient();
        scheduledApi.DefaultRequestHeaders.Authorization = api.DefaultRequestHeaders.Authorization;
        var jobs = await scheduledApi.GetFromJsonAsync<JsonElement>("/api/v1/jobs");
        var reminders = jobs.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "SessionReminders");
        reminders.GetProperty("nextRunAt").ValueKind.ShouldBe(JsonValueKind.String);
        reminders.GetProperty("schedule").GetString().ShouldBe("0 0 1 1 *");
    }

    [Test]
    public async Task An_unreachable_smtp_server_is_said_once_as_a_warning_and_shown_on_the_administrators_home()
    {
        var logs = new CapturedLogs();
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        await using var scheduled = App.WithWebHostBuilder(b => b
            .UseSetting("Jobs:Enabled", "true")
            .UseSetting("Jobs:DispatchOutbox:IntervalSeconds", "1")
            .UseSetting("Jobs:IssueCertificates:Cron", "0 0 1 1 *")
            .UseSetting("Jobs:SessionReminders:Cron", "0 0 1 1 *")
            .UseSetting("Smtp:Port", closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ConfigureLogging(l => l.AddProvider(logs)));
        _ = scheduled.Server;
        var (first, _) = await QueueAsync("EnrolmentConfirmed", OutboxStatus.Pending);
        await WaitAsync(async () => (await RowAsync(first)).Attempts >= 1);

        using var browser = new Browser(scheduled.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, home) = await browser.GetPageAsync("/?culture=en");
        var alert = home.QuerySelector("[data-testid=smtp-unreachable]");
        alert.ShouldNotBeNull();
        alert.TextContent.ShouldContain("The mail (SMTP) server has not answered since");
        alert.TextContent.ShouldContain($"127.0.0.1:{closedPort} unavailable");
        (await browser.GetPageAsync("/?culture=pt-BR")).Html.QuerySelector("[data-testid=smtp-unreachable]")!.TextContent.ShouldContain("O servidor de e-mail (SMTP) não responde desde");

        // A second message fails the same way: no second warning, and no information line per run.
        var (second, _) = await QueueAsync("EnrolmentConfirmed", OutboxStatus.Pending);
        await WaitAsync(async () => (await RowAsync(second)).Attempts >= 1);
        logs.Lines.Count(l => l.Level == LogLevel.Warning && l.Text.Contains("SMTP server cannot be reached", StringComparison.Ordinal)).ShouldBe(1);
        logs.Lines.ShouldNotContain(l => l.Level >= LogLevel.Information && l.Text.StartsWith("Outbox: 0 sent", StringComparison.Ordinal));

        using var scoped = NewBrowser();
        await scoped.SignInAsync(ScopedAdmin, "Demo-Passphrase-2026");
        (await scoped.GetPageAsync("/")).Html.QuerySelector("[data-testid=smtp-unreachable]").ShouldBeNull();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition never held");
            await Task.Delay(200);
        }
    }

    /// <summary>The host's log lines, kept in memory for the test to read.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Text)> lines = new();

        public IReadOnlyList<(LogLevel Level, string Text)> Lines => [.. lines];

        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(System.Collections.Concurrent.ConcurrentQueue<(LogLevel, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue((logLevel, formatter(state, exception)));
        }
    }

    private async Task<(long Id, string Email)> QueueAsync(string type, OutboxStatus status)
    {
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        return await App.WithDbAsync(async db =>
        {
            var email = await db.People.Where(p => p.Id == person).Select(p => p.Email).SingleAsync();
            var payload = new { x = 1, person = "Pessoa", offering = "Curso de Teste", offeringCode = "CT-1", startsOn = "2026-05-01", endsOn = "2026-05-30" };
            OldOutboxRows.Add(db, type, person, email, Languages.Portuguese, "it-admin:" + Guid.NewGuid(), payload, essential: true, App.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            var id = await db.OutboxMessages.Where(m => m.RecipientPersonId == person).Select(m => m.Id).SingleAsync();
            if (status == OutboxStatus.DeadLetter)
            {
                await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.DeadLetter).SetProperty(m => m.Attempts, 1)
                    .SetProperty(m => m.LastError, "Unknown message type 'NoSuchMessage': no template renders it."));
            }

            return (id, email);
        });
    }

    private Task<int> SetAsync(long id, OutboxStatus status, int attempts, string? lockedBy, DateTime? lockedUntil) => App.WithDbAsync(db =>
        db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LockedBy, lockedBy).SetProperty(m => m.LockedUntil, lockedUntil)));

    private Task<OutboxMessage> RowAsync(long id) => App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
}
