namespace TrainingHub.BrowserTests.Reports;

/// <summary>The reports and the audit trail as auditors and administrators see them, in both languages.</summary>
public sealed class ReportScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_demo_auditor_opens_reports_from_the_menu_with_a_chart_and_its_table(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Auditor);
        await Page.Locator("[data-nav=reports]").ClickAsync();
        await Expect(Page.GetByTestId("report")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("report-totals")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("export-csv")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Auditor.Key, "reports-hours-by-person", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        await Page.Locator("#kind").SelectOptionAsync("HoursByMonth");
        await Page.Locator("form[action='/reports'] button[type=submit]").ClickAsync();
        await Expect(Page.Locator("canvas[data-chart]")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("report")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Auditor.Key, "reports-hours-by-month", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        var programme = await Page.Locator("#programmeId option").Nth(1).GetAttributeAsync("value");
        await Page.GotoAsync($"/reports?kind=TargetsByOrganization&programmeId={programme}");
        await Expect(Page.GetByTestId("report").Or(Page.GetByTestId("report-error"))).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Auditor.Key, "reports-target-attainment", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_demo_auditor_subscribes_to_a_monthly_report_sees_it_in_their_subscriptions_and_cancels_it(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Auditor);
        await Page.Locator("[data-nav=reports]").ClickAsync();
        await Expect(Page.GetByTestId("report")).ToBeVisibleAsync();
        await Page.GetByTestId("subscribe-monthly").ClickAsync();
        var rows = Page.Locator("[data-testid=report-subscriptions] tr[data-subscription]");
        await Expect(rows.First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Auditor.Key, "report-subscriptions", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // Both languages run at once as the same demo auditor: cancel one row by its id, not by counting rows.
        var id = await rows.First.GetAttributeAsync("data-subscription");
        var row = Page.Locator($"[data-testid=report-subscriptions] tr[data-subscription='{id}']");
        await row.GetByTestId("cancel-subscription").ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_demo_administrator_browses_the_audit_trail_and_verifies_the_chain(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.Locator("[data-nav=reports]").ClickAsync();
        await Page.GetByTestId("audit-link").ClickAsync();
        await Expect(Page.GetByTestId("audit-entries")).ToBeVisibleAsync();
        await Page.GetByTestId("audit-verify").ClickAsync();
        await Expect(Page.GetByTestId("audit-verification")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("alert-success"));
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "audit-trail", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }
}
