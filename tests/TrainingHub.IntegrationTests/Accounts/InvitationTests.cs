using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Imports;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Notifications;

namespace TrainingHub.IntegrationTests.Accounts;

/// <summary>Invitations: from the person's page, by API and from an import; the link read back from a real SMTP server.</summary>
public sealed partial class InvitationTests(string provider) : MailFixture(provider)
{
    private const string Passphrase = "violet lanterns over the quiet river";

    [GeneratedRegex(@"/invitation\?i=\d+&(amp;)?t=[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();

    private async Task<(int Id, string Email)> PersonAsync(int organizationId, string language)
    {
        var id = (await Arrange.PeopleAsync(App, 1, organizationId)).Single();
        var email = $"invited-{Guid.NewGuid():N}@test.traininghub.local";
        await App.WithDbAsync(db => db.People.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Email, email).SetProperty(p => p.PreferredLanguage, language)));
        return (id, email);
    }

    private async Task<(string Subject, string Text, string Link)> ReceivedAsync(string email, int expected = 1)
    {
        await FollowUpKit.DispatchAsync(App, Mail.SmtpPort);
        var mails = await Mail.ForAsync(email, expected);
        mails.Count.ShouldBe(expected);
        var text = mails[^1].GetProperty("text").GetString()!;
        return (mails[^1].GetProperty("subject").GetString()!, text, WebUtility.HtmlDecode(InvitationLink().Match(text).Value));
    }

    private static async Task<HttpResponseMessage> AcceptAsync(Browser browser, string link, string password)
    {
        var (_, page) = await browser.GetPageAsync(link);
        var form = page.QuerySelector("form[action='/invitation']")!;
        return await browser.PostAsync("/invitation", new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"),
            ["InvitationId"] = form.QuerySelector("input[name=InvitationId]")!.GetAttribute("value"),
            ["Token"] = form.QuerySelector("input[name=Token]")!.GetAttribute("value"),
            ["NewPassword"] = password,
        });
    }

    private async Task<JsonElement> ListAsync(HttpClient api, int organizationId, string? status = null)
    {
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/invitations?organizationId={organizationId}" + (status is null ? "" : $"&status={status}"));
        return list;
    }

    [Test]
    public async Task A_person_invited_from_their_page_chooses_a_passphrase_once_and_signs_in_with_a_trainee_account()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var (personId, email) = await PersonAsync(org.Id, "pt-BR");
        using var admin = NewBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var sent = await admin.SubmitAsync($"/people/{personId}", $"/invitations/person/{personId}", new Dictionary<string, string?>());
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetPageAsync($"/people/{personId}")).Html.QuerySelector("[data-testid=person-invitation]")!.TextContent.ShouldContain("Enviado");

        var (subject, text, link) = await ReceivedAsync(email);
        subject.ShouldBe("TrainingHub: convite para criar sua conta");
        text.ShouldContain("nos próximos 7 dias");
        link.ShouldStartWith("/invitation?i=");
        var token = link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..];
        var stored = await App.WithDbAsync(db => db.Invitations.AsNoTracking().SingleAsync(i => i.PersonId == personId));
        stored.TokenHash.ShouldBe(InvitationTokens.Hash(token), "only the token's hash is kept");
        stored.TokenHash.ShouldNotContain(token);
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Invitation) && a.EntityId == stored.Id.ToString(CultureInfo.InvariantCulture)).OrderBy(a => a.Id).ToListAsync());
        audit.Select(a => a.Action).ShouldBe([InvitePeople.Sent]);
        audit[0].AfterJson!.ShouldNotContain(token);
        audit[0].AfterJson!.ShouldNotContain(stored.TokenHash);

        using var invited = NewBrowser();
        var (status, page) = await invited.GetPageAsync(link);
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=invitee]")!.TextContent.ShouldContain(email);
        (await AcceptAsync(invited, link, "password1234")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the common-password rule applies");
        var accepted = await AcceptAsync(invited, link, Passphrase);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.ToString().ShouldBe("/account/login");
        (await invited.SignInAsync(email, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var account = await App.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.PersonId == personId)
            .Select(u => new { u.Email, u.ScopeOrganizationId, Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList() }).SingleAsync());
        (account.Email, account.ScopeOrganizationId).ShouldBe((email, (int?)org.Id));
        account.Roles.ShouldBe([Roles.Trainee]);

        using var replaying = NewBrowser();
        var (replayStatus, replayPage) = await replaying.GetPageAsync(link);
        replayStatus.ShouldBe(HttpStatusCode.Conflict, "a link works once");
        replayPage.QuerySelector("[data-testid=link-error]")!.TextContent.ShouldContain("não vale mais");
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.PersonId == personId))).ShouldBe(1);

        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var list = await ListAsync(api, org.Id);
        list.GetProperty("counts").GetProperty("accepted").GetInt32().ShouldBe(1);
        list.GetProperty("page").GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("Accepted");
        (await api.PostAsync(new Uri($"/api/v1/people/{personId}/invitation?resend=true", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "the person has an account now");
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task Sending_again_invalidates_the_earlier_link_links_expire_after_seven_days_and_a_dead_lettered_message_shows_as_bounced()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var (personId, email) = await PersonAsync(org.Id, "en");
        var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var first = await api.PostAsync(new Uri($"/api/v1/people/{personId}/invitation", UriKind.Relative), null);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32().ShouldBe(1);
        (await api.PostAsync(new Uri($"/api/v1/people/{personId}/invitation", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "the first link still works");
        var (subject, _, firstLink) = await ReceivedAsync(email);
        subject.ShouldBe("TrainingHub: your invitation to create an account", "the person's language");

        (await api.PostAsync(new Uri($"/api/v1/people/{personId}/invitation?resend=true", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, _, secondLink) = await ReceivedAsync(email, 2);
        secondLink.ShouldNotBe(firstLink);
        using var browser = NewBrowser();
        (await browser.GetPageAsync(firstLink)).Status.ShouldBe(HttpStatusCode.Conflict, "sending again replaced the earlier link");
        (await browser.GetPageAsync(secondLink)).Status.ShouldBe(HttpStatusCode.OK);
        (await ListAsync(api, org.Id)).GetProperty("counts").GetProperty("sent").GetInt32().ShouldBe(1);

        App.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        (await browser.GetPageAsync(secondLink)).Status.ShouldBe(HttpStatusCode.Conflict, "expired");
        api.Dispose();
        api = await App.ApiClientAsync(TestApp.AdminEmail); // the first client's token expired with the week
        var expired = await ListAsync(api, org.Id, "Expired");
        expired.GetProperty("page").GetProperty("totalCount").GetInt32().ShouldBe(1);
        expired.GetProperty("counts").GetProperty("expired").GetInt32().ShouldBe(1);
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.PersonId == personId))).ShouldBe(0);

        // An expired invitation is sent again without "resend"; the new link works.
        (await api.PostAsync(new Uri($"/api/v1/people/{personId}/invitation", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var key = await App.WithDbAsync(db => db.Invitations.Where(i => i.PersonId == personId).Select(i => i.OutboxKey).SingleAsync());
        // The outbox gives up on the message (as after its last failed attempt): the invitation shows as bounced.
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == key).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.DeadLetter)));
        var bounced = await ListAsync(api, org.Id, "Bounced");
        bounced.GetProperty("page").GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("Bounced");
        bounced.GetProperty("page").GetProperty("items")[0].GetProperty("sends").GetInt32().ShouldBe(3);
        var actions = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Invitation) && a.OrganizationId == org.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        actions.ShouldBe([InvitePeople.Sent, InvitePeople.Resent, InvitePeople.Resent]);
        api.Dispose();
    }

    [Test]
    public async Task Committing_an_import_of_2000_people_with_invite_queues_2000_invitations_in_one_request()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var (withAccount, withAccountEmail) = await PersonAsync(org.Id, "pt-BR");
        var withAccountCpf = await App.WithDbAsync(db => db.People.Where(p => p.Id == withAccount).Select(p => p.Cpf).SingleAsync());
        await using (var scope = App.Scope())
        {
            var sp = scope.ServiceProvider;
            var admin = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
            (await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), admin, App.Clock,
                new CreateAccountRequest(withAccountEmail, "Conta Antiga", Passphrase, Roles.Trainee, null, withAccount, null), CancellationToken.None)).Succeeded.ShouldBeTrue();
        }

        var csv = new StringBuilder("cpf;nome;email;orgao\n");
        csv.Append(CultureInfo.InvariantCulture, $"{withAccountCpf};Pessoa Com Conta;{withAccountEmail};{org.Acronym}\n");
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 2000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Data.NewCpf()};Servidora Importada {i:D4};imp{i}.{run}@example.gov.br;{org.Acronym}\n");
        }

        var (_, api) = await ImportKit.AdministratorAsync(App);
        using (api)
        {
            using var upload = ImportKit.Multipart(ImportKit.Csv(csv.ToString()), "servidores.csv");
            var preview = await (await api.PostAsync(new Uri("/api/v1/imports/preview", UriKind.Relative), upload)).Content.ReadFromJsonAsync<JsonElement>();
            preview.GetProperty("newPeople").GetInt32().ShouldBe(2000);
            var clock = Stopwatch.StartNew();
            var commit = await api.PostAsJsonAsync("/api/v1/imports/commit", new { importId = preview.GetProperty("importId").GetGuid(), invite = true });
            commit.StatusCode.ShouldBe(HttpStatusCode.Accepted, await commit.Content.ReadAsStringAsync());
            var importRun = await ImportKit.WaitForRunAsync(api, commit.Headers.Location!.PathAndQuery);
            var took = clock.Elapsed;
            importRun.GetProperty("status").GetString().ShouldBe("Succeeded");
            var invitations = importRun.GetProperty("report").GetProperty("invitations");
            invitations.GetProperty("queued").GetInt32().ShouldBe(2000);
            invitations.GetProperty("haveAccount").GetInt32().ShouldBe(1);
            TestContext.Out.WriteLine($"{ProviderName}: import of 2 001 rows with 2 000 invitations finished in {took.TotalSeconds:F1} s");
        }

        var queued = await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == nameof(TrainingHub.Core.Accounts.Messages.AccountInvitation)
            && m.Status == OutboxStatus.Pending && db.People.Any(p => p.Id == m.RecipientPersonId && p.OrganizationId == org.Id)));
        queued.ShouldBe(2000);
        (await App.WithDbAsync(db => db.Invitations.CountAsync(i => i.Person!.OrganizationId == org.Id && i.Source == InvitationSource.Import))).ShouldBe(2000);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == InvitePeople.Sent && a.OrganizationId == org.Id))).ShouldBe(2000);
        using var listApi = await App.ApiClientAsync(TestApp.AdminEmail);
        var page = await listApi.GetFromJsonAsync<JsonElement>($"/api/v1/invitations?organizationId={org.Id}&status=Sent&page=3&pageSize=50");
        page.GetProperty("counts").GetProperty("sent").GetInt32().ShouldBe(2000);
        page.GetProperty("page").GetProperty("items").GetArrayLength().ShouldBe(50);
        page.GetProperty("page").GetProperty("totalCount").GetInt32().ShouldBe(2000);

        // One message is delivered through the outbox like any other; the rest are set aside so later tests' dispatches stay small.
        var one = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.MessageType == nameof(TrainingHub.Core.Accounts.Messages.AccountInvitation) && m.ToAddress == $"imp0.{run}@example.gov.br").Select(m => m.Id).SingleAsync());
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.MessageType == nameof(TrainingHub.Core.Accounts.Messages.AccountInvitation) && m.Id != one
            && db.People.Any(p => p.Id == m.RecipientPersonId && p.OrganizationId == org.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled)));
        var (_, text, link) = await ReceivedAsync($"imp0.{run}@example.gov.br");
        text.ShouldContain(org.Name);
        link.ShouldStartWith("/invitation?i=");
    }

    [Test]
    public async Task Enrolling_an_organisation_with_invite_invites_its_people_without_an_account()
    {
        var org = await ImportKit.OrganizationAsync(App);
        var people = await Arrange.PeopleAsync(App, 3, org.Id);
        var offering = await Arrange.ClassAsync(App, seats: 10);
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var response = await api.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-organization", new { organizationId = org.Id, invite = true });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitations").GetProperty("queued").GetInt32().ShouldBe(3);
        (await App.WithDbAsync(db => db.Invitations.Where(i => people.Contains(i.PersonId) && i.Source == InvitationSource.Organization).CountAsync())).ShouldBe(3);
        var again = await api.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-organization", new { organizationId = org.Id, invite = true });
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("invitations").GetProperty("alreadyInvited").GetInt32().ShouldBe(3, "links that still work are not sent twice");
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientPersonId != null && people.Contains(m.RecipientPersonId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled)));
    }
}
