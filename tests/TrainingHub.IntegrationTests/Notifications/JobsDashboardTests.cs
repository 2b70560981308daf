using System.Net;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>Hangfire's dashboard at /admin/jobs: administrators of the whole installation only, linked from their menu.</summary>
public sealed class JobsDashboardTests(string provider) : OnBothDatabases(provider)
{
    private const string Demo = "Demo-Passphrase-2026";

    [Test]
    public async Task Anonymous_requests_are_sent_to_sign_in()
    {
        using var browser = NewBrowser();
        foreach (var path in new[] { "/admin/jobs", "/admin/jobs/recurring" })
        {
            var response = await browser.Client.GetAsync(new Uri(path, UriKind.Relative));
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().ShouldContain("/account/login", Case.Insensitive, path);
            (await response.Content.ReadAsStringAsync()).ShouldNotContain("Hangfire");
        }
    }

    [TestCase("trainee@demo.traininghub.local")]
    [TestCase("instructor@demo.traininghub.local")]
    [TestCase("auditor@demo.traininghub.local")]
    [TestCase("auditor.seplag@demo.traininghub.local")]
    [TestCase("admin.prefeitura@demo.traininghub.local")]
    public async Task Every_other_account_gets_403_and_no_link(string email)
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(email, Demo);
        (await browser.Client.GetAsync(new Uri("/admin/jobs", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Client.GetAsync(new Uri("/admin/jobs/recurring", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Client.PostAsync(new Uri("/admin/jobs/recurring/trigger", UriKind.Relative), new FormUrlEncodedContent([new("jobs[]", "MonthlyReports")]))).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        var (_, home) = await browser.GetPageAsync("/");
        home.QuerySelector("a[data-nav=jobs]").ShouldBeNull();
    }

    [Test]
    public async Task An_installation_administrator_opens_it_from_the_menu()
    {
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, home) = await browser.GetPageAsync("/?culture=en");
        var link = home.QuerySelector("a[data-nav=jobs]")!;
        link.GetAttribute("href").ShouldBe("/admin/jobs");
        link.TextContent.ShouldBe("Jobs");
        home.QuerySelector("a[data-nav=outbox]").ShouldNotBeNull();
        (await browser.GetPageAsync("/?culture=pt-BR")).Html.QuerySelector("a[data-nav=jobs]")!.TextContent.ShouldBe("Tarefas agendadas");

        var dashboard = await browser.Client.GetAsync(new Uri("/admin/jobs", UriKind.Relative));
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await dashboard.Content.ReadAsStringAsync()).ShouldContain("Hangfire");
        (await browser.Client.GetAsync(new Uri("/admin/jobs/recurring", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
