using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.BrowserTests.Certificates;

/// <summary>
/// The screens changed for the first-day defects (#17), in both languages: a certificate under review kept with a
/// reason, a session added with its repetitions, the searchable instructor choice, and the mail queue's job results
/// and message types.
/// </summary>
public sealed class FirstDayScreensTests : BrowserTest
{
    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task A_certificate_under_review_is_kept_with_a_reason(string lang)
    {
        // A correction (straight in the database here) turns a demo certificate's enrolment into Failed.
        var id = await WithDbAsync(async db =>
        {
            // The demo's completed enrolments get their certificates as the job would issue them.
            await IssueCertificates.HandleAsync(db, TimeProvider.System, TestApp.Services.GetRequiredService<IssueSettings>(), null, CancellationToken.None);
            var certificate = await db.Certificates.Where(c => c.Status == CertificateStatus.Valid && c.Kind == CertificateKind.Completion && c.Enrolment!.Status == EnrolmentStatus.Completed)
                .OrderBy(c => c.Id).Skip(lang == "en" ? 0 : 1).Select(c => new { c.Id, c.EnrolmentId }).FirstAsync();
            await db.Enrolments.Where(e => e.Id == certificate.EnrolmentId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentStatus.Failed));
            return certificate.Id;
        });
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync($"/certificates/{id}/manage");
        await Expect(Page.GetByTestId("under-review")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "certificate-under-review", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        await Page.Locator("#keep-reason").FillAsync(lang == "en" ? "Absence justified by the manager's letter" : "Falta justificada por ofício da chefia");
        await Page.GetByTestId("keep").ClickAsync();
        await Expect(Page.GetByTestId("kept")).ToContainTextAsync(lang == "en" ? "Absence justified by the manager's letter" : "Falta justificada por ofício da chefia");
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "certificate-kept", lang);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task Sessions_repeat_in_one_form_and_instructors_are_found_by_typing(string lang)
    {
        var offeringId = await WithDbAsync(db => db.Classes.Where(o => o.Status == Core.Catalog.OfferingStatus.Published && o.Sessions.Count > 0)
            .OrderByDescending(o => o.Id).Select(o => o.Id).FirstAsync());
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);

        // Every refused field at once: a bad date in the list and a weekly end before the first session.
        await Page.GotoAsync($"/offerings/{offeringId}/sessions/new");
        await Expect(Page.GetByTestId("repeat")).ToBeVisibleAsync();
        await Page.Locator("#Form_Title").FillAsync("Encontro extra");
        await Page.Locator("#Form_StartsAt").FillAsync("2020-01-07T09:00");
        await Page.Locator("#Form_EndsAt").FillAsync("2020-01-07T12:00");
        await Page.Locator("#Form_RepeatWeeklyUntil").FillAsync("2020-01-01");
        await Page.Locator("#Form_AlsoOn").FillAsync("31/02/2020");
        await Page.Locator("main button[type=submit]").ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Form.AlsoOn']")).ToContainTextAsync("31/02/2020");
        await Expect(Page.Locator("[data-valmsg-for='Form.RepeatWeeklyUntil']")).Not.ToBeEmptyAsync();
        await Expect(Page.Locator("[data-valmsg-for='Form.StartsAt']")).Not.ToBeEmptyAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "session-new-repeat-errors", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        await Page.GotoAsync($"/offerings/{offeringId}/edit");
        var picker = Page.Locator("[data-multiselect]");
        await Expect(picker).ToBeVisibleAsync();
        await Expect(Page.Locator("#Form_InstructorIds")).ToBeHiddenAsync();
        var first = await picker.Locator("label").First.TextContentAsync();
        await Page.Locator("#Form_InstructorIds-search").FillAsync(first!.Split(' ')[0]);
        await Expect(picker.Locator(".form-check:not([hidden])").First).ToContainTextAsync(first.Split(' ')[0]);
        await picker.Locator("label").Filter(new() { HasText = first }).First.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "class-edit-instructors", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);

        // The organisations of the eligibility list are found by typing too (accents ignored), their quotas beside them.
        var organisations = Page.Locator("#Form_Organizations-list");
        var all = await organisations.Locator("tr[data-choice]").CountAsync();
        all.ShouldBeGreaterThan(3);
        var last = (await organisations.Locator("tr[data-choice] label").Last.TextContentAsync())!.Trim();
        var firstName = (await organisations.Locator("tr[data-choice] label").First.TextContentAsync())!;
        var word = last.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !firstName.Contains(w, StringComparison.Ordinal)).OrderByDescending(w => w.Length).First();
        await Page.Locator("#Form_Organizations-list-search").FillAsync(word.ToLowerInvariant());
        await Expect(organisations.Locator("tr[data-choice]:not([hidden])").Filter(new() { HasText = last }).First).ToBeVisibleAsync();
        (await organisations.Locator("tr[data-choice]:not([hidden])").CountAsync()).ShouldBeLessThan(all);
        await Page.Locator("#Form_Eligibility_Organizations").CheckAsync();
        await organisations.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "class-edit-organisations", lang);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_organisations_a_needs_survey_asks_are_found_by_typing(string lang)
    {
        var programmeId = await WithDbAsync(db => db.Surveys.Where(x => x.Kind == Core.Surveys.SurveyKind.Needs).OrderBy(x => x.Id).Select(x => x.ProgrammeId!.Value).FirstAsync());
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync($"/programmes/{programmeId}/needs/new");
        var list = Page.Locator("#OrganizationIds-list");
        var all = await list.Locator("[data-choice]").CountAsync();
        all.ShouldBeGreaterThan(1);
        var last = (await list.Locator("[data-choice] label").Last.TextContentAsync())!.Trim();
        var first = (await list.Locator("[data-choice] label").First.TextContentAsync())!;
        var word = last.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !first.Contains(w, StringComparison.Ordinal)).OrderByDescending(w => w.Length).First();
        await Page.Locator("#OrganizationIds-list-search").FillAsync(word);
        await Expect(list.Locator("[data-choice]:not([hidden])").Filter(new() { HasText = last }).First).ToBeVisibleAsync();
        (await list.Locator("[data-choice]:not([hidden])").CountAsync()).ShouldBeLessThan(all);
        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "needs-form-organisations", lang);
        await Axe.AssertNoSeriousViolationsAsync(Page);
    }

    [TestCase("pt-BR")]
    [TestCase("en")]
    public async Task The_mail_queue_names_message_types_and_job_results_in_the_reader_s_language(string lang)
    {
        await UseLanguageAsync(lang);
        await OpenHomeAsAsync(DemoUser.Administrator);
        await Page.GotoAsync("/admin/outbox");
        var types = Page.Locator("[data-testid=outbox] tbody td:nth-child(2)");
        await Expect(types.First).ToBeVisibleAsync();
        foreach (var text in await types.AllTextContentsAsync())
        {
            text.ShouldNotMatch("^[A-Z][a-z]+[A-Z][A-Za-z]+$", "a message type is shown by its name for people, not its class name");
        }

        await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "outbox", lang);
    }

    private static async Task<T> WithDbAsync<T>(Func<TrainingHubDbContext, Task<T>> work)
    {
        await using var scope = TestApp.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>());
    }
}
