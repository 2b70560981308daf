using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Certificates;

/// <summary>
/// Without App:PublicUrl no certificate is issued (each would carry a verification address nobody can open, for good):
/// the job waits, "issue now", reissue and transcripts refuse with a 409 that says why, and the administrator's home
/// says so. The same database with the address set then issues normally.
/// </summary>
public sealed class PublicUrlTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task Without_a_public_address_nothing_is_issued_and_the_administrator_is_told()
    {
        var c = await CertificateKit.CompletedClassAsync(App, 1);
        await using var unset = App.WithWebHostBuilder(b => b.UseSetting("App:PublicUrl", ""));

        string token;
        await using (var scope = unset.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            var settings = scope.ServiceProvider.GetRequiredService<IssueSettings>();
            settings.HasPublicUrl.ShouldBeFalse();
            (await IssueCertificates.HandleAsync(db, App.Clock, settings, c.OfferingId, CancellationToken.None)).Issued.ShouldBe(0, "the job waits");
            var userId = await db.Users.Where(u => u.Email == TestApp.AdminEmail).Select(u => u.Id).SingleAsync();
            token = (await TrainingHub.Core.Accounts.IssueApiToken.HandleAsync(db, userId, "tests", 1, App.Clock, CancellationToken.None)).Value!.Token;
        }

        using var api = unset.CreateClient();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var refused = await api.PostAsync($"/api/v1/offerings/{c.OfferingId}/certificates/issue", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("App:PublicUrl");
        var transcript = await api.PostAsJsonAsync("/api/v1/transcripts", new { personId = c.People[0], year = App.Clock.GetUtcNow().Year });
        transcript.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await App.WithDbAsync(db => db.Certificates.CountAsync(x => x.PersonId == c.People[0]))).ShouldBe(0);

        using (var browser = new Browser(unset.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })))
        {
            (await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var (_, home) = await browser.GetPageAsync("/");
            home.QuerySelector("[data-testid=certificates-on-hold]").ShouldNotBeNull().TextContent.ShouldContain("App:PublicUrl");

            var issue = await browser.SubmitAsync($"/offerings/{c.OfferingId}/certificates", $"/offerings/{c.OfferingId}/certificates/issue", new Dictionary<string, string?>());
            issue.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var (_, list) = await browser.GetPageAsync($"/offerings/{c.OfferingId}/certificates");
            list.Body!.TextContent.ShouldContain("App:PublicUrl");
        }

        (await App.WithDbAsync(db => db.Certificates.CountAsync(x => x.PersonId == c.People[0]))).ShouldBe(0);

        // The shared app has the address: the home says nothing, and the same class is issued with it.
        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            var (_, home) = await browser.GetPageAsync("/");
            home.QuerySelector("[data-testid=certificates-on-hold]").ShouldBeNull();
        }

        using var withUrl = await App.ApiClientAsync(TestApp.AdminEmail);
        var issued = await withUrl.PostAsync($"/api/v1/offerings/{c.OfferingId}/certificates/issue", null);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("issued").GetInt32().ShouldBe(1);
        var snapshot = await App.WithDbAsync(db => db.Certificates.Where(x => x.PersonId == c.People[0]).Select(x => x.SnapshotJson).SingleAsync());
        CertificateSnapshot.FromJson(snapshot).VerificationUrl.ShouldStartWith("https://traininghub.test/verify/");
    }
}
