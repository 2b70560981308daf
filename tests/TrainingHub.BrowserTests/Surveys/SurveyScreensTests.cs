using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Surveys;

namespace TrainingHub.BrowserTests.Surveys;

/// <summary>The questionnaire builder, answering an evaluation on a phone, and the results with their five-answer threshold, in both languages.</summary>
[NonParallelizable]
public sealed class SurveyScreensTests : BrowserTest
{
    private static async Task<T> WithDbAsync<T>(Func<TrainingHubDbContext, Task<T>> work)
    {
        await using var scope = TestApp.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>());
    }

    [Test]
    public async Task The_administrator_builds_a_questionnaire_and_a_missing_translation_is_named()
    {
        await OpenHomeAsAsync(DemoUser.Administrator);
        foreach (var lang in DemoUser.Languages)
        {
            await UseLanguageAsync(lang);
            await Page.GotoAsync("/questionnaires");
            await Page.GetByTestId("new-questionnaire").ClickAsync();
            await Page.Locator("#Form_Title").FillAsync($"Avaliação do encontro ({lang})");
            await Page.Locator("#Form_OwnerOrganizationId").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Index = 1 });
            await Page.Locator("#q0_TextPt").FillAsync("Como você avalia o encontro?");
            await Page.Locator("#q0_TextEn").FillAsync("How do you rate the meeting?");
            await Page.GetByTestId("add-RankedTopics").ClickAsync();
            await Expect(Page.GetByTestId("question")).ToHaveCountAsync(2);
            await Page.Locator("#q1_TextPt").FillAsync("Que temas priorizar?");
            await Page.Locator("#q1_OptionsPt").FillAsync("Orçamento\nIndicadores\nInovação");
            await Page.Locator("#q1_OptionsEn").FillAsync("Budget\nIndicators");
            await Page.GetByTestId("save-questionnaire").ClickAsync();
            await Expect(Page.GetByTestId("errors")).ToContainTextAsync(lang == "en" ? "Question 2" : "Pergunta 2");
            await Page.Locator("#q1_TextEn").FillAsync("Which topics first?");
            await Page.Locator("#q1_OptionsEn").FillAsync("Budget\nIndicators\nInnovation");
            await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "questionnaire-builder", lang);
            await Page.GetByTestId("save-questionnaire").ClickAsync();
            await Expect(Page.GetByTestId("version")).ToBeVisibleAsync();
            await Axe.AssertNoSeriousViolationsAsync(Page);
        }
    }

    [Test]
    public async Task The_trainee_answers_an_evaluation_on_a_phone_and_a_missing_answer_names_the_question()
    {
        // The demo trainee attended every session of a finished class of the strategy network (which evaluates its courses).
        var offeringId = await WithDbAsync(async db =>
        {
            var person = await db.Users.Where(u => u.Email == DemoUser.Trainee.Email).Select(u => u.PersonId!.Value).SingleAsync();
            var programmeId = await db.ProgrammeEvaluations.Select(e => e.ProgrammeId).OrderBy(id => id).FirstAsync();
            var offering = await db.Classes.Where(c => c.ProgrammeId == programmeId && c.Sessions.Any() && c.Sessions.All(s => s.Status == SessionStatus.Closed))
                .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var sessions = await db.Sessions.Where(s => s.OfferingId == offering).Select(s => s.Id).ToListAsync();
            var recorded = await db.AttendanceRecords.Where(a => a.PersonId == person && sessions.Contains(a.SessionId)).Select(a => a.SessionId).ToListAsync();
            db.AttendanceRecords.AddRange(sessions.Except(recorded).Select(s => new AttendanceRecord { PersonId = person, SessionId = s, Status = AttendanceStatus.Present, RecordedAt = DateTime.UtcNow }));
            if (!await db.Enrolments.AnyAsync(e => e.PersonId == person && e.OfferingId == offering))
            {
                db.Enrolments.Add(new Core.Enrolment.Enrolment { PersonId = person, OfferingId = offering, Status = EnrolmentStatus.Completed, RequestedAt = DateTime.UtcNow, CompletedAt = DateTime.UtcNow });
            }

            await db.SaveChangesAsync();

            // The demo's classes finished months ago: this one's evaluation is kept open for the test.
            await db.Surveys.Where(s => s.OfferingId == offering).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, DateTime.UtcNow.AddDays(10)));
            return offering;
        });

        var person = await WithDbAsync(db => db.Users.Where(u => u.Email == DemoUser.Trainee.Email).Select(u => u.PersonId!.Value).SingleAsync());
        await Page.SetViewportSizeAsync(375, 812);
        await OpenHomeAsAsync(DemoUser.Trainee);
        foreach (var lang in DemoUser.Languages)
        {
            // Each language starts from a blank form.
            await WithDbAsync(db => db.SurveyResponses.Where(r => r.PersonId == person && r.Survey!.OfferingId == offeringId).ExecuteDeleteAsync());
            await UseLanguageAsync(lang);
            await Page.GotoAsync($"/evaluations/class/{offeringId}");
            await Page.GetByTestId("send-evaluation").ClickAsync();
            await Expect(Page.GetByTestId("errors")).ToContainTextAsync(lang == "en" ? "How do you rate the course overall?" : "Como você avalia o curso, de modo geral?");
            var questions = Page.Locator("fieldset[data-question]");
            foreach (var i in new[] { 0, 1, 2 })
            {
                await questions.Nth(i).Locator("label.btn").Nth(lang == "en" ? 3 : 4).ClickAsync();
            }

            await questions.Nth(3).Locator("input[type=radio]").First.CheckAsync();
            await questions.Nth(4).Locator("select").First.SelectOptionAsync("1");
            await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "evaluation-phone", lang);
            (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375, "the form fits a phone");
            await Axe.AssertNoSeriousViolationsAsync(Page);
            await Page.GetByTestId("send-evaluation").ClickAsync();
            await Expect(Page.Locator($"[data-evaluation='class:{offeringId}']")).ToHaveAttributeAsync("data-answered", "True");
        }

        // Sending again changes the one response.
        await Page.GotoAsync($"/evaluations/class/{offeringId}");
        await Expect(Page.GetByTestId("answered-note")).ToBeVisibleAsync();
        await Page.GetByTestId("send-evaluation").ClickAsync();
        await Expect(Page.Locator($"[data-evaluation='class:{offeringId}']")).ToHaveAttributeAsync("data-answered", "True");
        (await WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.PersonId == person && r.Survey!.OfferingId == offeringId))).ShouldBe(1, "answering again changed the one response");
    }

    [Test]
    public async Task Results_show_averages_and_charts_from_five_answers_and_only_a_notice_below()
    {
        var (answered, few) = await WithDbAsync(async db =>
        {
            var rich = await db.Surveys.Where(s => db.SurveyResponses.Count(r => r.SurveyId == s.Id) >= GetEvaluationResults.Threshold)
                .OrderBy(s => s.Id).Select(s => s.OfferingId!.Value).FirstAsync();
            var programmeId = await db.ProgrammeEvaluations.Select(e => e.ProgrammeId).OrderBy(id => id).FirstAsync();
            var none = await db.Classes.Where(c => c.ProgrammeId == programmeId && !db.Surveys.Any(s => s.OfferingId == c.Id)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            return (rich, none);
        });

        await OpenHomeAsAsync(DemoUser.Administrator);
        foreach (var lang in DemoUser.Languages)
        {
            await UseLanguageAsync(lang);
            await Page.GotoAsync($"/evaluations/results?offeringId={answered}");
            await Expect(Page.GetByTestId("average")).ToBeVisibleAsync();
            await Expect(Page.Locator("section[data-kind=Scale]")).ToHaveCountAsync(3);
            await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "evaluation-results", lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);
            await Page.GotoAsync($"/evaluations/results?offeringId={few}");
            await Expect(Page.GetByTestId("below-threshold")).ToBeVisibleAsync();
            await Expect(Page.GetByTestId("average")).ToHaveCountAsync(0);
            await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "evaluation-results-threshold", lang);
        }
    }
}
