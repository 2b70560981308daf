using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// Opting out of optional messages: the dispatcher skips them (essential ones still go), the one-click unsubscribe
/// link in the email works only with its own token, and a signed-in person sets both preferences on a page.
/// </summary>
public sealed class PreferencesTests(string provider) : MailFixture(provider)
{
    [Test]
    public async Task An_opted_out_person_gets_no_optional_email_but_still_gets_an_essential_one()
    {
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        var email = await EmailOfAsync(person);
        await App.WithDbAsync(db => db.People.Where(p => p.Id == person).ExecuteUpdateAsync(s => s.SetProperty(p => p.ReceivesOptionalEmails, false)));
        var optional = await QueueProgrammeAsync(person, email);
        var essential = await QueueAsync(person, email, "EnrolmentConfirmed", Enrolment, essential: true);

        var outcome = await DispatchAsync();

        outcome.Cancelled.ShouldBeGreaterThanOrEqualTo(1);
        var received = (await Mail.ForAsync(email)).ShouldHaveSingleItem();
        received.GetProperty("subject").GetString().ShouldBe("Inscrição confirmada: Curso de Teste");
        received.GetProperty("headers").TryGetProperty("list-unsubscribe", out _).ShouldBeFalse();
        received.GetProperty("text").GetString()!.ShouldNotContain("/unsubscribe");
        var skipped = await RowAsync(optional);
        skipped.Status.ShouldBe(OutboxStatus.Cancelled);
        skipped.LastError.ShouldBe("Recipient opted out of optional messages");
        (await RowAsync(essential)).Status.ShouldBe(OutboxStatus.Sent);
    }

    [Test]
    public async Task The_list_unsubscribe_header_carries_a_working_one_click_link()
    {
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        var email = await EmailOfAsync(person);
        await QueueProgrammeAsync(person, email);

        await DispatchAsync();

        var received = (await Mail.ForAsync(email)).ShouldHaveSingleItem();
        var headers = received.GetProperty("headers");
        headers.GetProperty("list-unsubscribe-post").GetString().ShouldBe("List-Unsubscribe=One-Click");
        var header = headers.GetProperty("list-unsubscribe").GetString()!;
        header.ShouldStartWith($"<https://traininghub.test/unsubscribe?p={person}&t=");
        var link = new Uri(header.Trim('<', '>'));
        received.GetProperty("text").GetString()!.ShouldContain(link.AbsoluteUri);
        received.GetProperty("html").GetString()!.ShouldContain("/unsubscribe?p=" + person);

        // The page explains what happens and offers the button; nothing changes on GET.
        using var browser = NewBrowser();
        var (status, page) = await browser.GetPageAsync(link.PathAndQuery + "&culture=en");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=unsubscribe]")!.GetAttribute("data-state").ShouldBe("Confirm");
        page.QuerySelector("[data-testid=unsubscribe]")!.TextContent.ShouldContain("Essential messages (enrolment and certificates) will keep coming.");
        page.QuerySelector("a[data-testid=preferences-link]")!.GetAttribute("href").ShouldBe("/account/preferences");
        (await ReceivesAsync(person)).ShouldBeTrue();

        // A mail client's one-click POST (RFC 8058): no cookies, no antiforgery token.
        using var client = App.CreateClient();
        using var body = new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);
        var response = await client.PostAsync(new Uri(link.PathAndQuery, UriKind.Relative), body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await ReceivesAsync(person)).ShouldBeFalse();
    }

    [Test]
    public async Task The_pages_button_opts_the_person_out()
    {
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        var token = Tokens.Create(person);
        using var browser = NewBrowser();
        var response = await browser.SubmitAsync($"/unsubscribe?p={person}&t={Uri.EscapeDataString(token)}", "/unsubscribe", new Dictionary<string, string?>());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Browser.Parse(await response.Content.ReadAsStringAsync()).QuerySelector("[data-testid=unsubscribe]")!.GetAttribute("data-state").ShouldBe("Done");
        (await ReceivesAsync(person)).ShouldBeFalse();
    }

    [Test]
    public async Task A_tampered_token_or_another_persons_token_is_refused_and_changes_nothing()
    {
        var people = await Arrange.PeopleAsync(App, 2);
        var token = Tokens.Create(people[0]);
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        using var client = App.CreateClient();

        foreach (var (p, t) in new[] { (people[0], tampered), (people[1], token), (people[0], ""), (people[0], "not-a-token") })
        {
            using var body = new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);
            var response = await client.PostAsync(new Uri($"/unsubscribe?p={p}&t={Uri.EscapeDataString(t)}&culture=en", UriKind.Relative), body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadAsStringAsync()).ShouldContain("This unsubscribe link is not valid");
        }

        var get = await client.GetAsync(new Uri($"/unsubscribe?p={people[1]}&t={Uri.EscapeDataString(token)}", UriKind.Relative));
        get.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await get.Content.ReadAsStringAsync()).ShouldContain("Este link de descadastramento não é válido");
        (await ReceivesAsync(people[0])).ShouldBeTrue();
        (await ReceivesAsync(people[1])).ShouldBeTrue();
    }

    [Test]
    public async Task The_preferences_page_saves_the_language_and_the_opt_out()
    {
        var (account, person) = await AttendanceKit.AccountAsync(App, Roles.Trainee);
        using var browser = NewBrowser();
        await browser.SignInAsync(account, AttendanceKit.Password);

        var (_, tokensPage) = await browser.GetPageAsync("/account/tokens");
        tokensPage.QuerySelector("a[data-testid=preferences-link]")!.GetAttribute("href").ShouldBe("/account/preferences");
        var (status, page) = await browser.GetPageAsync("/account/preferences");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("input[type=checkbox][name=ReceivesOptionalEmails]")!.HasAttribute("checked").ShouldBeTrue();

        var saved = await browser.SubmitAsync("/account/preferences", "/account/preferences",
            new Dictionary<string, string?> { ["ReceivesOptionalEmails"] = "false", ["PreferredLanguage"] = Languages.English });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await App.WithDbAsync(db => db.People.AsNoTracking().Where(p => p.Id == person).Select(p => new { p.ReceivesOptionalEmails, p.PreferredLanguage }).SingleAsync());
        stored.ReceivesOptionalEmails.ShouldBeFalse();
        stored.PreferredLanguage.ShouldBe(Languages.English);
        (await browser.GetPageAsync("/account/preferences")).Html.QuerySelector("input[type=checkbox][name=ReceivesOptionalEmails]")!.HasAttribute("checked").ShouldBeFalse();

        var again = await browser.SubmitAsync("/account/preferences", "/account/preferences",
            new Dictionary<string, string?> { ["ReceivesOptionalEmails"] = "true", ["PreferredLanguage"] = "xx" });
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReceivesAsync(person)).ShouldBeFalse();
    }

    private static readonly object Enrolment = new { person = "Pessoa", offering = "Curso de Teste", offeringCode = "CT-1", startsOn = "2026-05-01", endsOn = "2026-05-30" };

    private IUnsubscribeTokens Tokens => App.Services.GetRequiredService<IUnsubscribeTokens>();

    private Task<long> QueueProgrammeAsync(int person, string email) => QueueAsync(person, email, "SeriesMonthlyProgramme", new
    {
        seriesId = 1,
        series = "Webinários de Inovação",
        channelUrl = "https://video.example.gov.br/canal",
        year = 2026,
        month = 3,
        sessions = new[] { new { title = "Gestão de riscos", startsAt = new DateTime(2026, 3, 10, 17, 0, 0, DateTimeKind.Utc), endsAt = new DateTime(2026, 3, 10, 18, 0, 0, DateTimeKind.Utc), creditedMinutes = 60, streamUrl = (string?)null, place = "Auditório" } },
    }, essential: false);

    private Task<long> QueueAsync(int person, string email, string type, object payload, bool essential) => App.WithDbAsync(async db =>
    {
        var key = "it-preferences:" + Guid.NewGuid();
        OldOutboxRows.Add(db, type, person, email, Languages.Portuguese, key, payload, essential, App.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        return await db.OutboxMessages.Where(m => m.IdempotencyKey == key).Select(m => m.Id).SingleAsync();
    });

    private async Task<DispatchOutcome> DispatchAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = Mail.SmtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo — Capacitação", TimeoutSeconds = 10 };
        // The app's own settings (public URL, unsubscribe tokens), with this test's SMTP server.
        var settings = App.Services.GetRequiredService<DispatchSettings>() with { BatchSize = 1000 };
        return await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), App.Clock, settings, "it-preferences", CancellationToken.None);
    }

    private Task<string> EmailOfAsync(int personId) => App.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync());

    private Task<bool> ReceivesAsync(int personId) => App.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.ReceivesOptionalEmails).SingleAsync());

    private Task<OutboxMessage> RowAsync(long id) => App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
}
