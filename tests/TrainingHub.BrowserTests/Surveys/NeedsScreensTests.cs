using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Data;
using TrainingHub.Core.Surveys;

namespace TrainingHub.BrowserTests.Surveys;

/// <summary>The training-needs survey: answering on a phone (a missing ranking is named) and the results with their charts, in both languages.</summary>
[NonParallelizable]
public sealed class NeedsScreensTests : BrowserTest
{
    private static async Task<T> WithDbAsync<T>(Func<TrainingHubDbContext, Task<T>> work)
    {
        await using var scope = TestApp.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>());
    }

    [Test]
    public async Task The_trainee_answers_the_needs_survey_on_a_phone_and_a_missing_ranking_is_named()
    {
        // The demo's needs survey closed before the year began: an open one of the same questionnaire asks the trainee's organisation.
        var (surveyId, person) = await WithDbAsync(async db =>
        {
            var person = await db.Users.Where(u => u.Email == DemoUser.Trainee.Email).Select(u => new { PersonId = u.PersonId!.Value, u.Person!.OrganizationId }).SingleAsync();
            var demo = await db.Surveys.Where(s => s.Kind == SurveyKind.Needs).OrderBy(s => s.Id).FirstAsync();
            var key = SaveNeedsSurvey.Key(demo.ProgrammeId!.Value, "browser");
            await db.SurveyResponses.Where(r => r.Survey!.Key == key).ExecuteDeleteAsync();
            await db.Surveys.Where(s => s.Key == key).ExecuteDeleteAsync();
            var survey = new Survey
            {
                Key = key,
                Kind = SurveyKind.Needs,
                QuestionnaireId = demo.QuestionnaireId,
                ProgrammeId = demo.ProgrammeId,
                Cycle = "browser",
                Audience = NeedsAudience.AllMembers,
                ClosesAt = DateTime.UtcNow.AddDays(10),
                SentAt = DateTime.UtcNow,
                CreatedAt = DateTime.UtcNow,
            };
            survey.Organizations.Add(new SurveyOrganization { OrganizationId = person.OrganizationId });
            db.Surveys.Add(survey);
            await db.SaveChangesAsync();
            return (survey.Id, person.PersonId);
        });

        await Page.SetViewportSizeAsync(375, 812);
        await OpenHomeAsAsync(DemoUser.Trainee);
        await Expect(Page.Locator($"[data-testid=pending-needs] a[href='/needs/{surveyId}']")).ToBeVisibleAsync();
        foreach (var lang in DemoUser.Languages)
        {
            await WithDbAsync(db => db.SurveyResponses.Where(r => r.PersonId == person && r.SurveyId == surveyId).ExecuteDeleteAsync());
            await UseLanguageAsync(lang);
            await Page.GotoAsync($"/needs/{surveyId}");
            await Page.GetByTestId("send-needs").ClickAsync();
            await Expect(Page.GetByTestId("errors")).ToContainTextAsync(lang == "en" ? "Which topics should the network offer" : "Que temas a Rede deve oferecer");
            var topics = Page.Locator("fieldset[data-question]").First.Locator("select");
            await topics.Nth(6).SelectOptionAsync("1");
            await topics.Nth(1).SelectOptionAsync("2");
            await topics.Nth(3).SelectOptionAsync("3");
            await Page.Locator("fieldset[data-question]").Nth(1).Locator("input[type=radio]").Nth(2).CheckAsync();
            await Screenshots.SaveAsync(Page, DemoUser.Trainee.Key, "needs-phone", lang);
            (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375, "the form fits a phone");
            await Axe.AssertNoSeriousViolationsAsync(Page);
            await Page.GetByTestId("send-needs").ClickAsync();
            await Expect(Page.GetByTestId("answered-note")).ToBeVisibleAsync();
            (await WithDbAsync(db => db.SurveyAnswers.Where(a => a.Response!.PersonId == person && a.Response.SurveyId == surveyId && a.Question!.Kind == QuestionKind.RankedTopics)
                .Select(a => a.Value).SingleAsync())).ShouldBe("6,1,3");
        }

        // Sending again changes the one response.
        await Page.GetByTestId("send-needs").ClickAsync();
        await Expect(Page.GetByTestId("answered-note")).ToBeVisibleAsync();
        (await WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.PersonId == person && r.SurveyId == surveyId))).ShouldBe(1);
        await WithDbAsync(db => db.SurveyResponses.Where(r => r.SurveyId == surveyId).ExecuteDeleteAsync());
        await WithDbAsync(db => db.Surveys.Where(s => s.Id == surveyId).ExecuteDeleteAsync());
    }

    [Test]
    public async Task The_administrator_reads_the_needs_results_per_topic_and_organisation_with_what_was_offered()
    {
        var (surveyId, programmeId) = await WithDbAsync(async db =>
        {
            var s = await db.Surveys.Where(x => x.Kind == SurveyKind.Needs && x.Cycle != "browser").OrderBy(x => x.Id).Select(x => new { x.Id, x.ProgrammeId }).FirstAsync();
            return (s.Id, s.ProgrammeId!.Value);
        });

        await OpenHomeAsAsync(DemoUser.Administrator);
        foreach (var lang in DemoUser.Languages)
        {
            await UseLanguageAsync(lang);
            await Page.GotoAsync($"/needs-surveys/{surveyId}");
            await Expect(Page.GetByTestId("topics-chart")).ToBeVisibleAsync();
            await Expect(Page.GetByTestId("rates-chart")).ToBeVisibleAsync();
            await Expect(Page.Locator("[data-testid=topics] tr[data-topic]")).ToHaveCountAsync(8);
            await Expect(Page.Locator("[data-testid=topics] [data-offered]")).ToHaveCountAsync(6);
            await Expect(Page.Locator("[data-testid=per-organization] tr[data-organization]").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "needs-results", lang);
            await Axe.AssertNoSeriousViolationsAsync(Page);

            await Page.GotoAsync($"/programmes/{programmeId}");
            await Expect(Page.Locator("[data-testid=asked-offered] [data-offered]")).ToHaveCountAsync(6);
            await Page.GetByTestId("asked-offered").ScrollIntoViewIfNeededAsync();
            await Screenshots.SaveAsync(Page, DemoUser.Administrator.Key, "needs-asked-offered", lang);
        }
    }
}
