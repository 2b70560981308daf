using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Imports;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Notifications;

namespace TrainingHub.IntegrationTests.Accounts;

/// <summary>
/// Self-registration: the public page, the e-mailed confirmation link read back from a real SMTP server, matching by
/// CPF, the neutral answers, the approval list and its scope. The settings are switched on the running app's
/// configuration (read on every request), and switched off again after each test.
/// </summary>
public sealed partial class SelfRegistrationTests(string provider) : MailFixture(provider)
{
    private const string Passphrase = "copper kites above the harbour wall";

    [GeneratedRegex(@"/account/register/confirm\?r=\d+&(amp;)?t=[A-Za-z0-9_-]+")]
    private static partial Regex ConfirmLink();

    private void Configure(bool enabled, bool approval = false, string? kinds = null)
    {
        var config = App.Services.GetRequiredService<IConfiguration>();
        config["Accounts:SelfRegistration:Enabled"] = enabled ? "true" : "false";
        config["Accounts:SelfRegistration:RequireApproval"] = approval ? "true" : "false";
        config["Accounts:SelfRegistration:OrganizationKinds"] = kinds ?? "";
    }

    [TearDown]
    public void SwitchOff() => Configure(enabled: false, approval: true);

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@selfreg.test.traininghub.local";

    private static Task<HttpResponseMessage> RegisterAsync(Browser browser, int organizationId, string cpf, string name, string email, string password = Passphrase) =>
        browser.SubmitAsync($"/account/register?organizationId={organizationId}", "/account/register", new Dictionary<string, string?>
        {
            ["Form.Cpf"] = cpf,
            ["Form.FullName"] = name,
            ["Form.Email"] = email,
            ["Form.Password"] = password,
        });

    private async Task<(string Subject, string Text, string Link)> ReceivedAsync(string email, int expected = 1)
    {
        await FollowUpKit.DispatchAsync(App, Mail.SmtpPort);
        var mails = await Mail.ForAsync(email, expected);
        mails.Count.ShouldBe(expected);
        var text = mails[^1].GetProperty("text").GetString()!;
        return (mails[^1].GetProperty("subject").GetString()!, text, WebUtility.HtmlDecode(ConfirmLink().Match(text).Value));
    }

    private static Task<HttpResponseMessage> ConfirmAsync(Browser browser, string link) => browser.SubmitAsync(link, "/account/register/confirm", new Dictionary<string, string?>());

    /// <summary>Posts the link's request id and token straight to the confirmation (the page shows no form for a dead link).</summary>
    private static async Task<HttpResponseMessage> PostConfirmAsync(Browser browser, string link)
    {
        var (_, login) = await browser.GetPageAsync("/account/login");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("https://x" + link).Query);
        return await browser.PostAsync("/account/register/confirm", new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = login.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"),
            ["RequestId"] = query["r"],
            ["Token"] = query["t"],
        });
    }

    /// <summary>The page's words with the address typed taken out: what must not differ between two answers.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response, string email)
    {
        var html = Browser.Parse(await response.Content.ReadAsStringAsync());
        return html.QuerySelector("main")!.TextContent.Replace(email, "…", StringComparison.Ordinal).Trim();
    }

    private async Task<Person> PersonAsync(int organizationId, string email, string name = "Teresa Importada")
    {
        var person = new Person { Cpf = Data.NewCpf(), FullName = name, Email = email, OrganizationId = organizationId, CreatedAt = App.Clock.GetUtcNow().UtcDateTime };
        await App.WithDbAsync(async db =>
        {
            db.People.Add(person);
            return await db.SaveChangesAsync();
        });
        return person;
    }

    private async Task<string> AccountAsync(int? personId, string email, int? scopeOrganizationId, string role)
    {
        await using var scope = App.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Conta " + role, PersonId = personId, ScopeOrganizationId = scopeOrganizationId, CreatedAt = App.Clock.GetUtcNow().UtcDateTime };
        (await users.CreateAsync(user, Passphrase)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        return user.Id;
    }

    [Test]
    public async Task Switched_off_by_default_every_page_answers_404_and_the_sign_in_page_offers_no_link()
    {
        SelfRegistrationSettings.From(new ConfigurationBuilder().Build()).Enabled.ShouldBeFalse("off unless an installation turns it on");
        using var browser = NewBrowser();
        (await browser.GetPageAsync("/account/register")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetPageAsync("/account/register/confirm?r=1&t=abc")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetPageAsync("/account/login")).Html.QuerySelector("[data-testid=register-link]").ShouldBeNull();
        var (_, login) = await browser.GetPageAsync("/account/login");
        var token = login.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        (await browser.PostAsync("/account/register", new Dictionary<string, string?> { ["__RequestVerificationToken"] = token, ["Form.Cpf"] = Data.NewCpf() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        Configure(enabled: true);
        (await browser.GetPageAsync("/account/login")).Html.QuerySelector("[data-testid=register-link]")!.GetAttribute("href").ShouldBe("/account/register");
        (await browser.GetPageAsync("/account/register")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_new_person_registers_confirms_the_emailed_link_once_and_signs_in_with_a_trainee_account()
    {
        Configure(enabled: true);
        var org = await ImportKit.OrganizationAsync(App, OrganizationKind.CityHall);
        var cpf = Data.NewCpf();
        var email = NewEmail("nova");
        using var browser = NewBrowser();
        var search = await browser.GetPageAsync("/account/register?q=" + Uri.EscapeDataString(org.Acronym));
        search.Html.QuerySelectorAll("[data-testid=choose-organization]").Select(a => a.GetAttribute("href")).ShouldBe([$"/account/register?organizationId={org.Id}"]);

        (await RegisterAsync(browser, org.Id, cpf, "Nova Pessoa", email, "password1234")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the common-password rule applies");
        (await RegisterAsync(browser, org.Id, "123.456.789-00", "Nova Pessoa", email)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the CPF's check digits");
        (await App.WithDbAsync(db => db.RegistrationRequests.CountAsync(r => r.Email == email))).ShouldBe(0);

        var sent = await RegisterAsync(browser, org.Id, Cpf.Format(cpf), "Nova Pessoa", email);
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AnswerAsync(sent, email)).ShouldContain("Confira seu e-mail");
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf))).ShouldBe(0, "nothing usable exists before the address is confirmed");
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email))).ShouldBe(0);

        var (subject, text, link) = await ReceivedAsync(email);
        subject.ShouldBe("TrainingHub: confirme seu e-mail");
        text.ShouldContain("nas próximas 24 horas");
        var token = link[(link.IndexOf("t=", StringComparison.Ordinal) + 2)..];
        var stored = await App.WithDbAsync(db => db.RegistrationRequests.AsNoTracking().SingleAsync(r => r.Email == email));
        stored.TokenHash.ShouldBe(InvitationTokens.Hash(token), "only the token's hash is kept");
        stored.PasswordHash.ShouldNotBeNull();
        stored.PasswordHash.ShouldNotContain(Passphrase);

        var (status, page) = await browser.GetPageAsync(link);
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=registrant]")!.TextContent.ShouldContain(email);
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf))).ShouldBe(0, "opening the link (a mail scanner would) confirms nothing");
        var confirmed = await ConfirmAsync(browser, link);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        confirmed.Headers.Location!.ToString().ShouldBe("/account/login");
        (await browser.SignInAsync(email, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var person = await App.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Cpf == cpf));
        (person.FullName, person.Email, person.OrganizationId).ShouldBe(("Nova Pessoa", email, org.Id));
        var account = await App.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.PersonId == person.Id)
            .Select(u => new { u.Email, u.ScopeOrganizationId, Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList() }).SingleAsync());
        (account.Email, account.ScopeOrganizationId).ShouldBe((email, (int?)org.Id));
        account.Roles.ShouldBe([Roles.Trainee]);
        (await App.WithDbAsync(db => db.RegistrationRequests.AsNoTracking().SingleAsync(r => r.Id == stored.Id))).PasswordHash.ShouldBeNull("cleared once decided");

        using var replaying = NewBrowser();
        var (replayStatus, replayPage) = await replaying.GetPageAsync(link);
        replayStatus.ShouldBe(HttpStatusCode.Conflict, "a link works once");
        replayPage.QuerySelector("[data-testid=link-error]")!.TextContent.ShouldContain("não vale mais");
        (await PostConfirmAsync(replaying, link)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "posting the used link again creates nothing");
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf))).ShouldBe(1);
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.PersonId == person.Id))).ShouldBe(1);

        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(RegistrationRequest) && a.EntityId == stored.Id.ToString(CultureInfo.InvariantCulture)).OrderBy(a => a.Id).ToListAsync());
        audit.Select(a => a.Action).ShouldBe([Register.Requested, ConfirmRegistration.Confirmed, "SelfRegistrationAccountCreated"]);
        foreach (var entry in audit)
        {
            (entry.AfterJson ?? "").ShouldNotContain(token);
            (entry.AfterJson ?? "").ShouldNotContain(cpf);
            (entry.AfterJson ?? "").ShouldNotContain(stored.TokenHash);
        }

        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task An_imported_person_gets_the_account_and_their_record_keeps_its_name_one_person_per_cpf()
    {
        Configure(enabled: true);
        var org = await ImportKit.OrganizationAsync(App);
        var email = NewEmail("importada");
        var person = await PersonAsync(org.Id, email);
        using var browser = NewBrowser();
        (await RegisterAsync(browser, org.Id, person.Cpf, "Teresa I. (digitado)", email.ToUpperInvariant())).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, _, link) = await ReceivedAsync(email);
        (await ConfirmAsync(browser, link)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the record's own address: no approval needed");
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == person.Cpf))).ShouldBe(1, "never a second person for one CPF");
        var record = await App.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == person.Id));
        (record.FullName, record.Email).ShouldBe(("Teresa Importada", email), "the imported record is not overwritten");
        var account = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PersonId == person.Id));
        account.DisplayName.ShouldBe("Teresa Importada");
        (await browser.SignInAsync(email, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task A_cpf_or_address_that_has_an_account_gets_the_same_answer_and_a_mail_sending_them_to_recover_access()
    {
        Configure(enabled: true);
        var org = await ImportKit.OrganizationAsync(App);
        var accountEmail = NewEmail("tem-conta");
        var person = await PersonAsync(org.Id, accountEmail);
        await AccountAsync(person.Id, accountEmail, org.Id, Roles.Trainee);
        using var browser = NewBrowser();

        var freshEmail = NewEmail("livre");
        var fresh = await RegisterAsync(browser, org.Id, Data.NewCpf(), "Alguém Novo", freshEmail);
        var typedEmail = NewEmail("outro-endereco");
        var taken = await RegisterAsync(browser, org.Id, person.Cpf, "Teresa", typedEmail);
        var takenAddress = await RegisterAsync(browser, org.Id, Data.NewCpf(), "Teresa", accountEmail);
        (fresh.StatusCode, taken.StatusCode, takenAddress.StatusCode).ShouldBe((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK));
        var answer = await AnswerAsync(fresh, freshEmail);
        (await AnswerAsync(taken, typedEmail)).ShouldBe(answer, "the page tells nobody whether the CPF has an account");
        (await AnswerAsync(takenAddress, accountEmail)).ShouldBe(answer);
        (await App.WithDbAsync(db => db.RegistrationRequests.CountAsync(r => r.Email == typedEmail || r.Email == accountEmail))).ShouldBe(0, "no request for a CPF or address with an account");

        await FollowUpKit.DispatchAsync(App, Mail.SmtpPort);
        var mail = (await Mail.ForAsync(typedEmail)).Single();
        mail.GetProperty("subject").GetString().ShouldBe("TrainingHub: você já tem uma conta");
        var text = mail.GetProperty("text").GetString()!;
        text.ShouldContain("https://traininghub.test/account/forgot");
        text.ShouldNotContain(accountEmail, Case.Insensitive);
        text.ShouldNotContain("/account/register/confirm");
        (await Mail.ForAsync(accountEmail)).Single().GetProperty("subject").GetString().ShouldBe("TrainingHub: você já tem uma conta");
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.PersonId == person.Id))).ShouldBe(1);
    }

    [Test]
    public async Task A_cpf_that_got_an_account_after_the_request_is_sent_to_recover_access_on_confirming()
    {
        Configure(enabled: true);
        var org = await ImportKit.OrganizationAsync(App);
        var person = await PersonAsync(org.Id, NewEmail("record"));
        var email = NewEmail("depois");
        using var browser = NewBrowser();
        (await RegisterAsync(browser, org.Id, person.Cpf, "Teresa", email)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, _, link) = await ReceivedAsync(email);
        await AccountAsync(person.Id, person.Email, org.Id, Roles.Trainee);
        var confirmed = await ConfirmAsync(browser, link);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = Browser.Parse(await confirmed.Content.ReadAsStringAsync());
        page.QuerySelector("[data-testid=recover-access]")!.GetAttribute("href").ShouldBe("/account/forgot");
        page.QuerySelector("main")!.TextContent.ShouldNotContain(person.Email);
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.PersonId == person.Id))).ShouldBe(1);
        (await App.WithDbAsync(db => db.RegistrationRequests.SingleAsync(r => r.Email == email))).Status.ShouldBe(RegistrationStatus.Closed);
    }

    [Test]
    public async Task An_expired_link_is_refused_and_creates_nothing()
    {
        Configure(enabled: true);
        var org = await ImportKit.OrganizationAsync(App);
        var cpf = Data.NewCpf();
        var email = NewEmail("expira");
        using var browser = NewBrowser();
        await RegisterAsync(browser, org.Id, cpf, "Pessoa Lenta", email);
        var (_, _, link) = await ReceivedAsync(email);
        App.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        (await browser.GetPageAsync(link)).Status.ShouldBe(HttpStatusCode.Conflict);
        (await PostConfirmAsync(browser, link)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var tampered = link[..^2] + (link.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");
        App.Clock.Offset = TimeSpan.Zero;
        (await browser.GetPageAsync(tampered)).Status.ShouldBe(HttpStatusCode.Conflict, "an altered token");
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf))).ShouldBe(0);
    }

    [Test]
    public async Task With_approval_required_an_administrator_whose_scope_holds_the_organisation_approves_or_refuses_and_the_person_is_told()
    {
        Configure(enabled: true, approval: true);
        var parent = await ImportKit.OrganizationAsync(App);
        var org = await ImportKit.OrganizationAsync(App, OrganizationKind.CityHall, parent.Id);
        var elsewhere = await ImportKit.OrganizationAsync(App);
        var insideEmail = NewEmail("admin-dentro");
        var outsideEmail = NewEmail("admin-fora");
        await AccountAsync(null, insideEmail, parent.Id, Roles.Administrator);
        await AccountAsync(null, outsideEmail, elsewhere.Id, Roles.Administrator);
        using var inside = await App.ApiClientAsync(insideEmail);
        using var outside = await App.ApiClientAsync(outsideEmail);

        var cpf = Data.NewCpf();
        var email = NewEmail("aprovar");
        var refusedEmail = NewEmail("recusar");
        using var browser = NewBrowser();
        await RegisterAsync(browser, org.Id, cpf, "Pessoa Aprovada", email);
        await RegisterAsync(browser, org.Id, Data.NewCpf(), "Pessoa Recusada", refusedEmail);
        var (_, _, link) = await ReceivedAsync(email);
        var (_, _, refusedLink) = await ReceivedAsync(refusedEmail);
        var waiting = await ConfirmAsync(browser, link);
        waiting.StatusCode.ShouldBe(HttpStatusCode.OK);
        Browser.Parse(await waiting.Content.ReadAsStringAsync()).QuerySelector("[data-testid=registration-awaiting]").ShouldNotBeNull();
        (await ConfirmAsync(browser, refusedLink)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf))).ShouldBe(0, "nothing usable before the approval");
        (await browser.SignInAsync(email, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.OK, "no account yet");

        var list = await inside.GetFromJsonAsync<JsonElement>($"/api/v1/registrations?organizationId={parent.Id}");
        list.GetProperty("totalCount").GetInt32().ShouldBe(2);
        var id = list.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("email").GetString() == email).GetProperty("id").GetInt32();
        var refusedId = list.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("email").GetString() == refusedEmail).GetProperty("id").GetInt32();
        list.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == id).GetProperty("cpf").GetString().ShouldBe(Cpf.Format(cpf), "the full CPF to an administrator whose scope holds the person");
        (await outside.GetFromJsonAsync<JsonElement>("/api/v1/registrations?search=" + Uri.EscapeDataString(email))).GetProperty("totalCount").GetInt32().ShouldBe(0, "outside their scope");
        (await outside.PostAsync(new Uri($"/api/v1/registrations/{id}/approve", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await inside.PostAsJsonAsync($"/api/v1/registrations/{refusedId}/refuse", new { reason = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a refusal says why");

        var approved = await inside.PostAsync(new Uri($"/api/v1/registrations/{id}/approve", UriKind.Relative), null);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Approved");
        (await inside.PostAsync(new Uri($"/api/v1/registrations/{id}/approve", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "decided once");
        var refused = await inside.PostAsJsonAsync($"/api/v1/registrations/{refusedId}/refuse", new { reason = "Não trabalha neste órgão" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK, await refused.Content.ReadAsStringAsync());

        var (subject, _, _) = await ReceivedAsync(email, 2);
        subject.ShouldBe("TrainingHub: sua conta está pronta");
        (await browser.SignInAsync(email, Passphrase)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.People.CountAsync(p => p.Cpf == cpf))).ShouldBe(1);
        var refusal = (await Mail.ForAsync(refusedEmail, 2))[^1];
        refusal.GetProperty("subject").GetString().ShouldBe("TrainingHub: pedido de conta não aprovado");
        refusal.GetProperty("text").GetString()!.ShouldContain("Não trabalha neste órgão");
        var refusedRow = await App.WithDbAsync(db => db.RegistrationRequests.AsNoTracking().SingleAsync(r => r.Id == refusedId));
        (refusedRow.Status, refusedRow.PasswordHash, refusedRow.PersonId).ShouldBe((RegistrationStatus.Refused, (string?)null, (int?)null));
        (await inside.GetFromJsonAsync<JsonElement>($"/api/v1/registrations?organizationId={parent.Id}")).GetProperty("totalCount").GetInt32().ShouldBe(0, "none waiting");
        (await inside.GetFromJsonAsync<JsonElement>($"/api/v1/registrations?organizationId={parent.Id}&status=all")).GetProperty("totalCount").GetInt32().ShouldBe(2);

        using var admin = NewBrowser();
        await admin.SignInAsync(insideEmail, Passphrase);
        var (pageStatus, page) = await admin.GetPageAsync($"/registrations?status=Refused&organizationId={parent.Id}");
        pageStatus.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("[data-testid=registration-row]").Length.ShouldBe(1);
        page.QuerySelector("[data-testid=registrations]")!.TextContent.ShouldContain("Não trabalha neste órgão");
        var decisions = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(RegistrationRequest) && (a.EntityId == id.ToString(CultureInfo.InvariantCulture) || a.EntityId == refusedId.ToString(CultureInfo.InvariantCulture)))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.ActorName }).ToListAsync());
        decisions.Where(d => d.Action is "SelfRegistrationAccountCreated" or DecideRegistration.Refused).Select(d => d.ActorName).ShouldBe([insideEmail, insideEmail], "the administrator who decided");
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_cpf_whose_record_has_another_address_always_waits_for_an_administrator_who_sees_it()
    {
        Configure(enabled: true, approval: false);
        var org = await ImportKit.OrganizationAsync(App);
        var person = await PersonAsync(org.Id, NewEmail("no-cadastro"));
        var email = NewEmail("outro");
        using var browser = NewBrowser();
        await RegisterAsync(browser, org.Id, person.Cpf, "Teresa", email);
        var (_, _, link) = await ReceivedAsync(email);
        (await ConfirmAsync(browser, link)).StatusCode.ShouldBe(HttpStatusCode.OK, "waits: anyone can type a CPF");
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.PersonId == person.Id))).ShouldBe(0);

        using var admin = NewBrowser();
        await admin.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, page) = await admin.GetPageAsync("/registrations?search=" + Uri.EscapeDataString(email));
        var row = page.QuerySelector("[data-testid=registration-row]")!;
        row.QuerySelector("[data-testid=email-differs]").ShouldNotBeNull();
        row.TextContent.ShouldContain("Teresa Importada");
        var id = (await App.WithDbAsync(db => db.RegistrationRequests.SingleAsync(r => r.Email == email))).Id;
        (await admin.SubmitAsync("/registrations?search=" + Uri.EscapeDataString(email), $"/registrations/{id}/decision", new Dictionary<string, string?> { ["approve"] = "true" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var account = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PersonId == person.Id));
        account.Email.ShouldBe(email, "signs in with the confirmed address");
        (await App.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == person.Id))).Email.ShouldBe(person.Email, "the record keeps its own");
    }

    [Test]
    public async Task Only_organisations_of_the_kinds_configured_are_offered_or_accepted()
    {
        Configure(enabled: true, kinds: "CityHall, MunicipalChamber");
        var cityHall = await ImportKit.OrganizationAsync(App, OrganizationKind.CityHall);
        var agency = await ImportKit.OrganizationAsync(App, OrganizationKind.StateAgency);
        using var browser = NewBrowser();
        (await browser.GetPageAsync("/account/register?q=" + Uri.EscapeDataString(cityHall.Acronym))).Html.QuerySelectorAll("[data-testid=choose-organization]").Length.ShouldBe(1);
        (await browser.GetPageAsync("/account/register?q=" + Uri.EscapeDataString(agency.Acronym))).Html.QuerySelector("[data-testid=no-organizations]").ShouldNotBeNull();
        var email = NewEmail("orgao");
        var (_, form) = await browser.GetPageAsync($"/account/register?organizationId={cityHall.Id}");
        var refused = await browser.PostAsync("/account/register", new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"),
            ["Form.OrganizationId"] = agency.Id.ToString(CultureInfo.InvariantCulture),
            ["Form.Cpf"] = Data.NewCpf(),
            ["Form.FullName"] = "Pessoa da Secretaria",
            ["Form.Email"] = email,
            ["Form.Password"] = Passphrase,
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Escolha seu órgão na lista");
        (await App.WithDbAsync(db => db.RegistrationRequests.CountAsync(r => r.Email == email))).ShouldBe(0);
    }

    [Test]
    public async Task Requests_are_limited_per_address_and_the_forms_per_client_address()
    {
        Configure(enabled: true);
        var org = await ImportKit.OrganizationAsync(App);
        var email = NewEmail("insistente");
        using var browser = NewBrowser();
        for (var i = 0; i < SelfRegistrationSettings.PerAddressPerHour + 2; i++)
        {
            (await RegisterAsync(browser, org.Id, Data.NewCpf(), "Pessoa Insistente", email)).StatusCode.ShouldBe(HttpStatusCode.OK, "the same answer every time");
        }

        await FollowUpKit.DispatchAsync(App, Mail.SmtpPort);
        (await Mail.ForAsync(email, SelfRegistrationSettings.PerAddressPerHour)).Count.ShouldBe(SelfRegistrationSettings.PerAddressPerHour, "at most this many mails an hour to one address");
        App.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await RegisterAsync(browser, org.Id, Data.NewCpf(), "Pessoa Insistente", email);
        await FollowUpKit.DispatchAsync(App, Mail.SmtpPort);
        (await Mail.ForAsync(email, SelfRegistrationSettings.PerAddressPerHour + 1)).Count.ShouldBe(SelfRegistrationSettings.PerAddressPerHour + 1, "an hour later, one more");

        // The posts share the forgot-password forms' limit per client IP address (Accounts:PasswordPermitsPerMinute).
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is "account/register" or "account/register/confirm" && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Contains("POST")).ToList();
        endpoints.Count.ShouldBe(2);
        endpoints.ShouldAllBe(e => e.Metadata.GetMetadata<EnableRateLimitingAttribute>()!.PolicyName == "password");
    }
}
