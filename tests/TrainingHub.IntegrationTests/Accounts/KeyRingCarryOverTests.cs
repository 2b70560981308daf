using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.Migrations.Postgres;
using TrainingHub.Migrations.Sqlite;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.IntegrationTests.Accounts;

/// <summary>
/// Data-protection keys stored by the hand-written key repository (one row per key: friendly name and the key's XML,
/// unindented) are read by the package's repository: a sign-in cookie and an unsubscribe link protected with such a
/// key still work after the upgrade. The "old" key ring is made by a separate data-protection system with the app's
/// name, written into the migrated database as the old repository wrote it, before the app starts.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class KeyRingCarryOverTests(string provider)
{
    private const string CookiePurpose = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware";
    private const int PersonId = 1;

    [Test]
    public async Task A_cookie_and_an_unsubscribe_link_made_with_a_key_the_old_repository_stored_still_work()
    {
        await using var app = new TestApp(provider);
        var options = new DbContextOptionsBuilder<TrainingHubDbContext>();
        _ = provider == "Sqlite" ? SqliteDatabase.Use(options, app.ConnectionString) : PostgresDatabase.Use(options, app.ConnectionString);
        await using (var db = new TrainingHubDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
        }

        using var old = KeyRing(out var stored);
        var oldToken = new UnsubscribeTokens(old.GetRequiredService<IDataProtectionProvider>()).Create(PersonId);
        stored.Count.ShouldBe(1);
        await using (var db = new TrainingHubDbContext(options.Options))
        {
            foreach (var (element, friendlyName) in stored)
            {
                // What EfXmlRepository.StoreElement did.
                await db.Database.ExecuteSqlAsync($"INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES ({friendlyName}, {element.ToString(SaveOptions.DisableFormatting)})");
            }
        }

        // Another key ring the app never saw: what a forged or foreign cookie or link would carry.
        using var foreign = KeyRing(out _);

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.GetAsync(Unsubscribe(oldToken))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var foreignToken = new UnsubscribeTokens(foreign.GetRequiredService<IDataProtectionProvider>()).Create(PersonId);
        (await client.GetAsync(Unsubscribe(foreignToken))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        ClaimsPrincipal principal;
        await using (var scope = app.Scope())
        {
            var admin = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(TestApp.AdminEmail);
            principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(admin!);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ThClaims.AuthTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
            var session = await SignInSessions.StartAsync(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), admin!.Id, TimeProvider.System, CancellationToken.None);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ThClaims.Session, session));
        }

        (await GetPeopleAsync(client, Cookie(old, principal))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await GetPeopleAsync(client, Cookie(foreign, principal));
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/account/login");

        // The app read the stored key and made none of its own.
        (await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync())).ShouldBe(1);
    }

    private static Uri Unsubscribe(string token) => new($"/unsubscribe?p={PersonId}&t={Uri.EscapeDataString(token)}", UriKind.Relative);

    private static async Task<HttpResponseMessage> GetPeopleAsync(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/people");
        request.Headers.Add("Cookie", "th.auth=" + cookie);
        return await client.SendAsync(request);
    }

    /// <summary>The sign-in cookie's value as ASP.NET Core Identity writes it, protected with the given key ring.</summary>
    private static string Cookie(ServiceProvider keyRing, ClaimsPrincipal principal)
    {
        var protector = keyRing.GetRequiredService<IDataProtectionProvider>().CreateProtector(CookiePurpose, IdentityConstants.ApplicationScheme, "v2");
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddMinutes(30) }, IdentityConstants.ApplicationScheme);
        return new TicketDataFormat(protector).Protect(ticket);
    }

    /// <summary>A data-protection system named like the app whose repository keeps what it is asked to store.</summary>
    private static ServiceProvider KeyRing(out List<(XElement Element, string FriendlyName)> stored)
    {
        var kept = new List<(XElement, string)>();
        stored = kept;
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("TrainingHub");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new ListRepository(kept));
        return services.BuildServiceProvider();
    }

    private sealed class ListRepository(List<(XElement Element, string FriendlyName)> kept) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => kept.Select(k => k.Element).ToList();

        public void StoreElement(XElement element, string friendlyName) => kept.Add((element, friendlyName));
    }
}
