using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Surveys;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Imports;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Notifications;

namespace TrainingHub.IntegrationTests.Surveys;

/// <summary>
/// Training-needs surveys on both databases: created by the programme's administrators, sent once to the people asked
/// (focal points or everyone of the organisations taking part), answered once per person until the deadline, reminded
/// once before it, and aggregated per topic and organisation from five answers up, with what was offered per topic.
/// </summary>
public sealed class NeedsSurveyTests(string provider) : MailFixture(provider)
{
    private static readonly string[] TopicsPt = ["Orçamento", "Indicadores", "Inovação", "Liderança"];

    private static object NeedsQuestionnaire(int owner) => SurveyKit.Merge(new
    {
        title = "Levantamento de necessidades",
        purpose = "Needs",
        questions = new object[]
        {
            new { kind = "RankedTopics", required = true, textPt = "Que temas o programa deve oferecer?", textEn = "Which topics should the programme offer?", optionsPt = string.Join('\n', TopicsPt), optionsEn = "Budget\nIndicators\nInnovation\nLeadership" },
            new { kind = "SingleChoice", required = false, textPt = "Formato preferido", textEn = "Preferred format", optionsPt = "Presencial\nOnline", optionsEn = "In person\nOnline" },
            new { kind = "LongText", required = false, textPt = "Outras necessidades", textEn = "Other needs" },
        },
    }, owner);

    private sealed record Setup(int ProgrammeId, int QuestionnaireId, int OrgA, int OrgB, List<int> PeopleA, List<int> PeopleB);

    /// <summary>A programme of its own, a needs questionnaire, and two fresh organisations with people (none of them focal points yet).</summary>
    private async Task<Setup> SetupAsync(HttpClient admin, int inA, int inB)
    {
        var programme = await SurveyKit.ProgrammeAsync(App);
        var owner = await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.OwnerOrganizationId).SingleAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/questionnaires", NeedsQuestionnaire(owner));
        created.EnsureSuccessStatusCode();
        var questionnaire = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var a = await ImportKit.OrganizationAsync(App);
        var b = await ImportKit.OrganizationAsync(App);
        return new Setup(programme, questionnaire, a.Id, b.Id, await Arrange.PeopleAsync(App, inA, a.Id), await Arrange.PeopleAsync(App, inB, b.Id));
    }

    private async Task<int> CreateAsync(HttpClient admin, Setup s, string audience, int days = 10)
    {
        var closesOn = SaoPaulo.Today(App.Clock).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var r = await admin.PostAsJsonAsync($"/api/v1/programmes/{s.ProgrammeId}/needs-surveys",
            new { questionnaireId = s.QuestionnaireId, cycle = "2027", closesOn, audience, organizationIds = new[] { s.OrgA, s.OrgB } });
        r.StatusCode.ShouldBe(HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static object Ranking(int questionId, params int[] topics) =>
        new { answers = new Dictionary<string, string[]> { [questionId.ToString(CultureInfo.InvariantCulture)] = topics.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray() } };

    private async Task<int> TopicQuestionAsync(int questionnaireId) =>
        await App.WithDbAsync(db => db.Questions.Where(q => q.Version!.QuestionnaireId == questionnaireId && q.Kind == QuestionKind.RankedTopics).Select(q => q.Id).SingleAsync());

    private async Task<HttpClient> PersonClientAsync(int personId) => await App.ApiClientAsync((await AttendanceKit.AccountAsync(App, Roles.Trainee, personId)).Email);

    [Test]
    public async Task A_needs_survey_goes_once_to_the_focal_points_takes_one_answer_per_person_until_the_deadline_and_reminds_once()
    {
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var s = await SetupAsync(admin, inA: 3, inB: 2);
        int[] focal = [s.PeopleA[0], s.PeopleA[1], s.PeopleB[0]];
        await App.WithDbAsync(async db =>
        {
            await db.People.Where(p => p.Id == s.PeopleA[0] || p.Id == s.PeopleA[1]).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsFocalPoint, true));
            return await db.People.Where(p => p.Id == s.PeopleA[1]).ExecuteUpdateAsync(u => u.SetProperty(p => p.PreferredLanguage, "en"));
        });

        // An administrator names a focal point through the person's record.
        var record = await App.WithDbAsync(db => db.People.Where(p => p.Id == s.PeopleB[0]).Select(p => new { p.FullName, p.Email, p.OrganizationId }).SingleAsync());
        (await admin.PutAsJsonAsync($"/api/v1/people/{s.PeopleB[0]}", new { record.FullName, record.Email, record.OrganizationId, isFocalPoint = true })).EnsureSuccessStatusCode();
        (await App.WithDbAsync(db => db.People.Where(p => p.Id == s.PeopleB[0]).Select(p => p.IsFocalPoint).SingleAsync())).ShouldBeTrue();
        var emails = await App.WithDbAsync(db => db.People.Where(p => s.PeopleA.Contains(p.Id) || s.PeopleB.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Email));

        // Bad input names the fields and creates nothing.
        var bad = await admin.PostAsJsonAsync($"/api/v1/programmes/{s.ProgrammeId}/needs-surveys",
            new { questionnaireId = s.QuestionnaireId, cycle = "", closesOn = "2000-01-01", audience = "FocalPoints", organizationIds = Array.Empty<int>() });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var fields = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldBe(["Cycle", "ClosesOn", "OrganizationIds"], ignoreOrder: true);
        var id = await CreateAsync(admin, s, "FocalPoints");
        (await admin.PostAsJsonAsync($"/api/v1/programmes/{s.ProgrammeId}/needs-surveys",
            new { questionnaireId = s.QuestionnaireId, cycle = "2027", closesOn = SaoPaulo.Today(App.Clock).AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), audience = "AllMembers", organizationIds = new[] { s.OrgA } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest, "one survey per programme and cycle");

        // Sending reaches the three focal points; sending again sends nothing twice.
        (await (await admin.PostAsync($"/api/v1/needs-surveys/{id}/send", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32().ShouldBe(3);
        (await (await admin.PostAsync($"/api/v1/needs-surveys/{id}/send", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32().ShouldBe(0);
        var prefix = $"NeedsSurveyInvitation:{id}:";
        (await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith(prefix)).Select(m => m.RecipientPersonId!.Value).ToListAsync())).ShouldBe(focal, ignoreOrder: true);
        await DispatchAsync();
        var pt = (await Mail.ForAsync(emails[s.PeopleA[0]])).ShouldHaveSingleItem();
        pt.GetProperty("subject").GetString().ShouldStartWith("Levantamento de necessidades: ");
        pt.GetProperty("html").GetString()!.ShouldContain($"href=\"https://traininghub.test/needs/{id}\"");
        var en = (await Mail.ForAsync(emails[s.PeopleA[1]])).ShouldHaveSingleItem();
        en.GetProperty("subject").GetString().ShouldStartWith("Training-needs survey: ");
        en.GetProperty("text").GetString()!.ShouldContain("Answer the survey");
        (await Mail.ForAsync(emails[s.PeopleA[2]], expected: 0)).ShouldBeEmpty("someone who is not a focal point is not asked");

        // Not asked: not found. A missing required answer names the question; answering again changes the one response.
        using (var outsider = await PersonClientAsync(s.PeopleA[2]))
        {
            (await outsider.GetAsync($"/api/v1/needs/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await outsider.PutAsJsonAsync($"/api/v1/needs/{id}", new { answers = new Dictionary<string, string[]>() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var topicQuestion = await TopicQuestionAsync(s.QuestionnaireId);
        using var focalA = await PersonClientAsync(s.PeopleA[0]);
        (await focalA.GetFromJsonAsync<JsonElement>("/api/v1/needs/mine")).EnumerateArray().Single(x => x.GetProperty("surveyId").GetInt32() == id)
            .GetProperty("answeredAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var missing = await focalA.PutAsJsonAsync($"/api/v1/needs/{id}", new { answers = new Dictionary<string, string[]>() });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Que temas o programa deve oferecer?");
        var first = await (await focalA.PutAsJsonAsync($"/api/v1/needs/{id}", Ranking(topicQuestion, 1, 0))).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await focalA.PutAsJsonAsync($"/api/v1/needs/{id}", Ranking(topicQuestion, 2))).Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("responseId").GetInt32().ShouldBe(first.GetProperty("responseId").GetInt32());
        (await App.WithDbAsync(db => db.SurveyResponses.Where(r => r.SurveyId == id).Select(r => new { r.PersonId, r.OrganizationId }).ToListAsync()))
            .ShouldHaveSingleItem().ShouldBe(new { PersonId = s.PeopleA[0], OrganizationId = s.OrgA });
        (await App.WithDbAsync(db => db.SurveyAnswers.Where(a => a.Response!.SurveyId == id).Select(a => a.Value).SingleAsync())).ShouldBe("2");

        // Three days before the deadline the two focal points without an answer are reminded, once.
        await App.WithDbAsync(db => db.Surveys.Where(x => x.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ClosesAt, App.Clock.GetUtcNow().UtcDateTime.AddDays(2))));
        (await RemindAsync()).ShouldBe(2);
        (await RemindAsync()).ShouldBe(0, "a second run reminds nobody twice");
        await DispatchAsync();
        (await Mail.ForAsync(emails[s.PeopleB[0]], expected: 2)).Select(m => m.GetProperty("subject").GetString()).Count(x => x!.StartsWith("Lembrete", StringComparison.Ordinal)).ShouldBe(1);
        (await Mail.ForAsync(emails[s.PeopleA[0]])).Count.ShouldBe(1, "who answered is not reminded");

        // After the deadline: answers and sending are refused, the stored answer stays.
        await App.WithDbAsync(db => db.Surveys.Where(x => x.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ClosesAt, App.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));
        var late = await focalA.PutAsJsonAsync($"/api/v1/needs/{id}", Ranking(topicQuestion, 3));
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadAsStringAsync()).ShouldContain("não aceita mais respostas");
        (await admin.PostAsync($"/api/v1/needs-surveys/{id}/send", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await RemindAsync()).ShouldBe(0);
        (await App.WithDbAsync(db => db.SurveyAnswers.Where(a => a.Response!.SurveyId == id).Select(a => a.Value).SingleAsync())).ShouldBe("2");
    }

    [Test]
    public async Task Results_add_up_topics_per_organisation_from_five_answers_in_the_reader_scope_and_show_what_was_offered()
    {
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var s = await SetupAsync(admin, inA: 6, inB: 2);
        var id = await CreateAsync(admin, s, "AllMembers");
        (await admin.PostAsync($"/api/v1/needs-surveys/{id}/send", null)).EnsureSuccessStatusCode();
        var topicQuestion = await TopicQuestionAsync(s.QuestionnaireId);
        var commentQuestion = await App.WithDbAsync(db => db.Questions.Where(q => q.Version!.QuestionnaireId == s.QuestionnaireId && q.Kind == QuestionKind.LongText).Select(q => q.Id).SingleAsync());
        var rankings = new (int Person, int[] Topics)[]
        {
            (s.PeopleA[0], [1, 0]), (s.PeopleA[1], [1, 2, 0]), (s.PeopleA[2], [0]), (s.PeopleA[3], [1, 3]),
            (s.PeopleA[4], [2, 1, 0, 3]), (s.PeopleB[0], [3, 2]),
        };
        var results = $"/api/v1/needs-surveys/{id}/results";
        for (var i = 0; i < rankings.Length; i++)
        {
            using var person = await PersonClientAsync(rankings[i].Person);
            var body = new
            {
                answers = new Dictionary<string, string[]>
                {
                    [topicQuestion.ToString(CultureInfo.InvariantCulture)] = rankings[i].Topics.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray(),
                    [commentQuestion.ToString(CultureInfo.InvariantCulture)] = [$"Necessidade {i}"],
                },
            };
            (await person.PutAsJsonAsync($"/api/v1/needs/{id}", body)).EnsureSuccessStatusCode();
            if (i == 3)
            {
                // Four answers: who answered per organisation shows, nothing of what they said.
                var four = await admin.GetFromJsonAsync<JsonElement>(results);
                (four.GetProperty("responses").GetInt32(), four.GetProperty("asked").GetInt32(), four.GetProperty("shown").GetBoolean()).ShouldBe((4, 8, false));
                four.GetProperty("topics").GetArrayLength().ShouldBe(0);
                four.GetProperty("questions").GetArrayLength().ShouldBe(0);
            }
        }

        var six = await admin.GetFromJsonAsync<JsonElement>(results);
        six.GetProperty("shown").GetBoolean().ShouldBeTrue();
        var rates = six.GetProperty("rates").EnumerateArray().ToDictionary(r => r.GetProperty("organizationId").GetInt32(), r => (r.GetProperty("asked").GetInt32(), r.GetProperty("answered").GetInt32()));
        rates[s.OrgA].ShouldBe((6, 5));
        rates[s.OrgB].ShouldBe((2, 1));

        // Independently: Borda points over the raw rankings (first place worth as many points as there are topics).
        int Points(IEnumerable<int[]> r, int topic) => r.Sum(x => Array.IndexOf(x, topic) is var at and >= 0 ? TopicsPt.Length - at : 0);
        var topics = six.GetProperty("topics").EnumerateArray().ToList();
        foreach (var topic in topics)
        {
            topic.GetProperty("points").GetInt32().ShouldBe(Points(rankings.Select(r => r.Topics), topic.GetProperty("topic").GetInt32()));
            topic.GetProperty("count").GetInt32().ShouldBe(rankings.Count(r => r.Topics.Contains(topic.GetProperty("topic").GetInt32())));
        }

        topics.Select(t => t.GetProperty("name").GetString()).ShouldBe(["Indicadores", "Orçamento", "Inovação", "Liderança"]);
        var perOrganization = six.GetProperty("perOrganization").EnumerateArray().ShouldHaveSingleItem("only organisations with five answers or more");
        perOrganization.GetProperty("organizationId").GetInt32().ShouldBe(s.OrgA);
        perOrganization.GetProperty("topics")[0].GetProperty("points").GetInt32().ShouldBe(Points(rankings.Take(5).Select(r => r.Topics), 1));
        var comments = six.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("kind").GetString() == "LongText").GetProperty("comments");
        comments.EnumerateArray().Select(c => c.GetString()).ShouldBe(Enumerable.Range(0, 6).Select(i => $"Necessidade {i}"));
        six.ToString().ShouldNotContain("Pessoa de Teste", customMessage: "results carry no names");

        // What was offered: a class of the programme linked to the most asked topic, once; unknown codes are named.
        var offeringId = await Arrange.ClassAsync(App, seats: 20);
        var code = await App.WithDbAsync(async db =>
        {
            var o = await db.Offerings.SingleAsync(x => x.Id == offeringId);
            o.ProgrammeId = s.ProgrammeId;
            await db.SaveChangesAsync();
            return o.Code;
        });
        var link = new { questionId = topicQuestion, topic = 1, code };
        (await admin.PostAsJsonAsync($"/api/v1/needs-surveys/{id}/links", link)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync($"/api/v1/needs-surveys/{id}/links", link)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var unknown = await admin.PostAsJsonAsync($"/api/v1/needs-surveys/{id}/links", new { questionId = topicQuestion, topic = 1, code = "NAO-EXISTE" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("NAO-EXISTE");
        var offered = (await admin.GetFromJsonAsync<JsonElement>(results)).GetProperty("topics")[0].GetProperty("offered").EnumerateArray().ShouldHaveSingleItem();
        (offered.GetProperty("kind").GetString(), offered.GetProperty("code").GetString()).ShouldBe(("Class", code));

        // The programme's page shows what was asked and what was offered; the results page draws the charts.
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, programme) = await browser.GetPageAsync($"/programmes/{s.ProgrammeId}");
        programme.QuerySelector("[data-testid=asked-offered] tr[data-topic='Indicadores'] [data-offered]")!.GetAttribute("data-offered").ShouldBe(code);
        programme.QuerySelector("[data-testid=asked-offered] tr[data-topic='Liderança']")!.TextContent.ShouldContain("nada oferecido ainda");
        var (status, page) = await browser.GetPageAsync($"/needs-surveys/{id}");
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=topics-chart]").ShouldNotBeNull();
        page.QuerySelector("[data-testid=rates-chart]").ShouldNotBeNull();
        page.QuerySelector($"[data-testid=rates] tr[data-organization='{s.OrgA}'] [data-testid=answered]")!.TextContent.ShouldBe("5");

        // Out of scope: an administrator of another organisation does not find it; a trainee may not ask.
        var (_, stranger) = await ImportKit.AdministratorAsync(App, s.OrgB);
        (await stranger.GetAsync(results)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.PostAsync($"/api/v1/needs-surveys/{id}/send", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var trainee = await PersonClientAsync(s.PeopleB[1]);
        (await trainee.GetAsync(results)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<int> RemindAsync()
    {
        await using var scope = App.Scope();
        return await RemindNeedsSurveys.HandleAsync(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), App.Clock, CancellationToken.None);
    }

    private async Task DispatchAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = Mail.SmtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo", TimeoutSeconds = 10 };
        var settings = App.Services.GetRequiredService<DispatchSettings>() with { BatchSize = 1000 };
        await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Microsoft.Extensions.Options.Options.Create(smtp)), App.Clock, settings, "it-needs", CancellationToken.None);
    }
}
