using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Accounts;

/// <summary>
/// What a sign-in through an OpenID Connect provider opens, given the subject and CPF the provider vouched for (the
/// protocol itself runs against a real provider in the browser tests).
/// </summary>
public sealed class ExternalSignInTests(string provider) : OnBothDatabases(provider)
{
    private async Task<Person> NewPersonAsync()
    {
        return await App.WithDbAsync(async db =>
        {
            var org = await db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            var person = new Person
            {
                Cpf = Data.NewCpf(),
                FullName = "Joana Prado",
                Email = $"joana.{Guid.NewGuid():N}@example.gov.br",
                OrganizationId = org,
                PreferredLanguage = Languages.English,
                CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
            };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person;
        });
    }

    private async Task<Result<ApplicationUser>> SignInAsync(string subject, string? cpf, bool createAccounts = true)
    {
        await using var scope = App.Scope();
        var sp = scope.ServiceProvider;
        return await ExternalSignIn.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), App.Clock,
            new ExternalIdentity("oidc", subject, cpf, "someone@govbr.example", "Someone"), createAccounts, CancellationToken.None);
    }

    [Test]
    public async Task A_first_sign_in_of_a_registered_person_creates_their_trainee_account_and_the_next_one_reuses_it()
    {
        var person = await NewPersonAsync();
        var first = await SignInAsync(person.Cpf, person.Cpf);
        first.Succeeded.ShouldBeTrue(string.Join(", ", first.Errors));
        var account = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PersonId == person.Id));
        account.Id.ShouldBe(first.Value!.Id);
        account.Email.ShouldBe(person.Email, "the person's own e-mail, not the provider's");
        account.PasswordHash.ShouldBeNull("nobody chose a password");
        account.PreferredLanguage.ShouldBe(Languages.English);
        (await App.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == account.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync()))
            .Single().ShouldBe(Roles.Trainee);

        // Written with dots and a dash this time: the subject, not the CPF's spelling, finds the account.
        var second = await SignInAsync(person.Cpf, Convert.ToUInt64(person.Cpf, System.Globalization.CultureInfo.InvariantCulture).ToString(@"000\.000\.000\-00", System.Globalization.CultureInfo.InvariantCulture));
        second.Value!.Id.ShouldBe(account.Id);
        (await App.WithDbAsync(db => db.Users.CountAsync(u => u.PersonId == person.Id))).ShouldBe(1);
        var audit = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityId == account.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        audit.ShouldContain(ExternalSignIn.Created);
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task A_person_who_already_has_an_account_gets_the_provider_linked_to_it()
    {
        var person = await NewPersonAsync();
        await using (var scope = App.Scope())
        {
            var sp = scope.ServiceProvider;
            var admin = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
            var created = await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), admin, App.Clock,
                new CreateAccountRequest(person.Email, person.FullName, "a long enough instructor passphrase", Roles.Instructor, null, person.Id, "pt-BR"), CancellationToken.None);
            created.Succeeded.ShouldBeTrue(string.Join(", ", created.Errors));
        }

        var result = await SignInAsync("subject-" + Guid.NewGuid().ToString("N"), person.Cpf);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors));
        var account = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.PersonId == person.Id));
        result.Value!.Id.ShouldBe(account.Id, "the existing instructor account, not a second one");
        account.PasswordHash.ShouldNotBeNull("the password stays usable");
        (await App.WithDbAsync(db => db.UserLogins.CountAsync(l => l.UserId == account.Id && l.LoginProvider == "oidc"))).ShouldBe(1);
        (await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == account.Id && e.Action == ExternalSignIn.Linked))).ShouldBe(1);
    }

    [Test]
    public async Task An_unknown_or_missing_CPF_opens_nothing_and_creates_nobody()
    {
        var people = await App.WithDbAsync(db => db.People.CountAsync());
        var accounts = await App.WithDbAsync(db => db.Users.CountAsync());
        var unknown = await SignInAsync("x-" + Guid.NewGuid().ToString("N"), Data.NewCpf());
        unknown.Error!.Kind.ShouldBe(ErrorKind.NotFound);
        unknown.Errors[0].Code.ShouldBe("ExternalLogin.UnknownCpf");
        var missing = await SignInAsync("y-" + Guid.NewGuid().ToString("N"), null);
        missing.Errors[0].Code.ShouldBe("ExternalLogin.NoCpf");
        var invalid = await SignInAsync("z-" + Guid.NewGuid().ToString("N"), "123.456.789-00");
        invalid.Errors[0].Code.ShouldBe("ExternalLogin.NoCpf");
        (await App.WithDbAsync(db => db.People.CountAsync())).ShouldBe(people);
        (await App.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(accounts);
    }

    [Test]
    public async Task Without_account_creation_a_person_without_an_account_is_told_to_ask_for_an_invitation()
    {
        var person = await NewPersonAsync();
        var result = await SignInAsync(person.Cpf, person.Cpf, createAccounts: false);
        result.Errors[0].Code.ShouldBe("ExternalLogin.NoAccount");
        (await App.WithDbAsync(db => db.Users.AnyAsync(u => u.PersonId == person.Id))).ShouldBeFalse();
    }

    [Test]
    public async Task An_account_an_administrator_locked_is_refused_but_wrong_passwords_do_not_block_the_provider()
    {
        var person = await NewPersonAsync();
        var first = await SignInAsync(person.Cpf, person.Cpf);
        var id = first.Value!.Id;
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, App.Clock.GetUtcNow().AddMinutes(15))));
        (await SignInAsync(person.Cpf, person.Cpf)).Succeeded.ShouldBeTrue("a password locked by wrong attempts");
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, AccountLock.Indefinite)));
        var locked = await SignInAsync(person.Cpf, person.Cpf);
        locked.Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        locked.Errors[0].Code.ShouldBe("ExternalLogin.Locked");
    }

    [Test]
    public async Task With_local_passwords_off_the_sign_in_page_offers_only_the_provider_and_refuses_a_password()
    {
        await using var factory = App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Oidc:Enabled", "true");
            b.UseSetting("Oidc:Authority", "http://127.0.0.1:9/unused");
            b.UseSetting("Oidc:ClientId", "traininghub");
            b.UseSetting("Oidc:RequireHttpsMetadata", "false");
            b.UseSetting("Accounts:LocalPasswords", "false");
        });
        using var browser = new Browser(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var (status, page) = await browser.GetPageAsync("/account/login");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=external-login]")!.TextContent.ShouldBe("Entrar com gov.br");
        page.QuerySelector("#Password").ShouldBeNull("no password form");

        // The token of another form on the site, so the refusal below is the app's and not antiforgery's.
        var (_, forgot) = await browser.GetPageAsync("/account/forgot");
        var token = forgot.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var refused = await browser.PostAsync("/account/login", new Dictionary<string, string?>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = TestApp.AdminEmail,
            ["Password"] = TestApp.AdminPassword,
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Browser.Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Este site não usa senhas: entre com gov.br.");
        refused.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(c => c.StartsWith("th.auth", StringComparison.Ordinal), "nobody was signed in");
    }
}
