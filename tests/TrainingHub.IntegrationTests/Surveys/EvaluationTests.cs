using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Surveys;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Surveys;

public sealed class EvaluationTests(string provider) : OnBothDatabases(provider)
{
    private static async Task<string> RefusedAsync(HttpResponseMessage r, HttpStatusCode status)
    {
        r.StatusCode.ShouldBe(status, await r.Content.ReadAsStringAsync());
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return string.Join(" | ", doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name + ": " + string.Join(" / ", p.Value.EnumerateArray().Select(v => v.GetString()))));
    }

    [Test]
    public async Task A_change_after_answers_makes_a_new_version_and_the_old_answers_keep_their_questions()
    {
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var c = await SurveyKit.ClassAsync(App, admin, people: 1);
        var url = $"/api/v1/questionnaires/{c.QuestionnaireId}";

        // Bad input names the field; nothing changes.
        var bad = await admin.PutAsJsonAsync(url, new { title = "Avaliação", purpose = "Evaluation", questions = new[] { new { kind = "SingleChoice", required = true, textPt = "Escolha", textEn = "Choose", optionsPt = "A\nB", optionsEn = "A" } } });
        (await RefusedAsync(bad, HttpStatusCode.BadRequest)).ShouldStartWith("Questions[0].OptionsEn: ");

        // Unanswered: a change stays in version 1.
        var edited = await admin.PutAsJsonAsync(url, SurveyKit.Questionnaire("Avaliação de reação (revista)"));
        (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32().ShouldBe(1);
        var questions = await App.WithDbAsync(db => db.Questions.Where(q => q.Version!.QuestionnaireId == c.QuestionnaireId).OrderBy(q => q.Position).Select(q => q.Id).ToListAsync());
        var v1 = c with { QuestionIds = questions };

        using var trainee = await App.ApiClientAsync(c.Emails[0]);
        (await trainee.PutAsJsonAsync($"/api/v1/evaluations/class/{c.OfferingId}", SurveyKit.Answers(v1, 4, comment: "Muito bom"))).EnsureSuccessStatusCode();

        // Answered: the change makes version 2; the answer keeps version 1 and its questions.
        var changed = new { title = "Avaliação v2", purpose = "Evaluation", questions = new[] { new { kind = "Scale", required = true, textPt = "Nota geral", textEn = "Overall grade" } } };
        var saved = await (await admin.PutAsJsonAsync(url, changed)).Content.ReadFromJsonAsync<JsonElement>();
        (saved.GetProperty("version").GetInt32(), saved.GetProperty("newVersion").GetBoolean()).ShouldBe((2, true));
        var latest = await admin.GetFromJsonAsync<JsonElement>(url);
        latest.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("textPt").GetString()).ShouldBe(["Nota geral"]);
        var response = await App.WithDbAsync(db => db.SurveyResponses.AsNoTracking().Include(r => r.Answers).SingleAsync(r => r.PersonId == c.People[0] && r.Survey!.Key == "class:" + c.OfferingId));
        response.Answers.Select(a => a.QuestionId).Order().ShouldBe(new[] { questions[0], questions[1], questions[3] });
        var form = await trainee.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/class/{c.OfferingId}");
        form.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("textPt").GetString()).ShouldContain("Como você avalia o curso?");
        form.GetProperty("answers").GetProperty(questions[3].ToString(System.Globalization.CultureInfo.InvariantCulture))[0].GetString().ShouldBe("Muito bom");
    }

    [Test]
    public async Task One_answer_per_person_changed_until_the_deadline_a_missing_required_answer_names_the_question_and_a_closed_survey_refuses()
    {
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var c = await SurveyKit.ClassAsync(App, admin, people: 1);
        using var en = await App.ApiClientAsync(c.Emails[0]);
        var url = $"/api/v1/evaluations/class/{c.OfferingId}";
        var mine = await en.GetFromJsonAsync<JsonElement>("/api/v1/evaluations/mine");
        var item = mine.EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("key").GetString().ShouldBe($"class:{c.OfferingId}");
        item.GetProperty("answeredAt").ValueKind.ShouldBe(JsonValueKind.Null);

        var missing = new { answers = new Dictionary<string, string[]> { [c.QuestionIds[1].ToString(System.Globalization.CultureInfo.InvariantCulture)] = ["0"] } };
        (await RefusedAsync(await en.PutAsJsonAsync(url, missing), HttpStatusCode.BadRequest)).ShouldContain("Como você avalia o curso?");
        var outOfRange = SurveyKit.Answers(c, 6);
        (await RefusedAsync(await en.PutAsJsonAsync(url, outOfRange), HttpStatusCode.BadRequest)).ShouldStartWith($"q{c.QuestionIds[0]}: ");
        (await App.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.PersonId == c.People[0]))).ShouldBe(0);

        var first = await (await en.PutAsJsonAsync(url, SurveyKit.Answers(c, 2, ranked: ["2", "0"]))).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await en.PutAsJsonAsync(url, SurveyKit.Answers(c, 5, comment: "Melhorou na segunda leitura"))).Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("responseId").GetInt32().ShouldBe(first.GetProperty("responseId").GetInt32());
        var stored = await App.WithDbAsync(db => db.SurveyAnswers.AsNoTracking().Where(a => a.Response!.PersonId == c.People[0]).OrderBy(a => a.QuestionId).Select(a => a.Value).ToListAsync());
        stored.ShouldBe(["5", "0", "Melhorou na segunda leitura"]);

        // The database itself refuses a second response of the same person to the same survey.
        var ex = await Should.ThrowAsync<DbUpdateException>(() => App.WithDbAsync(async db =>
        {
            var existing = await db.SurveyResponses.AsNoTracking().SingleAsync(r => r.PersonId == c.People[0]);
            db.SurveyResponses.Add(new SurveyResponse { SurveyId = existing.SurveyId, PersonId = existing.PersonId, VersionId = existing.VersionId, OrganizationId = existing.OrganizationId, SubmittedAt = existing.SubmittedAt, UpdatedAt = existing.UpdatedAt });
            return await db.SaveChangesAsync();
        }));
        ex.ShouldNotBeNull();

        // Someone who did not attend is not invited.
        var (outsider, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee);
        using var other = await App.ApiClientAsync(outsider);
        (await other.PutAsJsonAsync(url, SurveyKit.Answers(c, 3))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The deadline passes (moved rather than the clock, which would also end the sign-in).
        var key = $"class:{c.OfferingId}";
        await App.WithDbAsync(db => db.Surveys.Where(s => s.Key == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosesAt, App.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1))));
        (await RefusedAsync(await en.PutAsJsonAsync(url, SurveyKit.Answers(c, 1)), HttpStatusCode.Conflict)).ShouldContain("encerrada");
        (await App.WithDbAsync(db => db.SurveyAnswers.Where(a => a.Response!.PersonId == c.People[0] && a.QuestionId == c.QuestionIds[0]).Select(a => a.Value).SingleAsync())).ShouldBe("5");
    }

    [Test]
    public async Task When_the_programme_requires_it_the_holder_answers_the_evaluation_before_downloading_the_certificate()
    {
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var c = await SurveyKit.ClassAsync(App, admin, people: 1, required: true);
        (await admin.PostAsync($"/api/v1/offerings/{c.OfferingId}/certificates/issue", null)).EnsureSuccessStatusCode();
        var id = await App.WithDbAsync(db => db.Certificates.Where(x => x.PersonId == c.People[0]).Select(x => x.Id).SingleAsync());
        using var trainee = await App.ApiClientAsync(c.Emails[0]);

        (await RefusedAsync(await trainee.GetAsync($"/api/v1/certificates/{id}/pdf"), HttpStatusCode.Conflict)).ShouldContain(await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == c.OfferingId).Select(o => o.Title).SingleAsync()));
        (await admin.GetAsync($"/api/v1/certificates/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK, "an administrator's copy is not held back");

        // The page sends the holder to their evaluations, with the reason.
        using var browser = NewBrowser();
        await browser.SignInAsync(c.Emails[0], AttendanceKit.Password);
        var page = await browser.Client.GetAsync($"/certificates/{id}/pdf");
        (page.StatusCode, page.Headers.Location?.ToString()).ShouldBe((HttpStatusCode.Redirect, "/evaluations"));
        var (_, home) = await browser.GetPageAsync("/");
        home.QuerySelector($"[data-testid=pending-evaluations] a[href='/evaluations/class/{c.OfferingId}']").ShouldNotBeNull();

        (await trainee.PutAsJsonAsync($"/api/v1/evaluations/class/{c.OfferingId}", SurveyKit.Answers(c, 4))).EnsureSuccessStatusCode();
        var pdf = await trainee.GetAsync($"/api/v1/certificates/{id}/pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await browser.GetPageAsync("/")).Html.QuerySelector("[data-testid=pending-evaluations]").ShouldBeNull();
    }

    [Test]
    public async Task Results_are_aggregated_only_from_five_answers_for_the_classes_a_reader_may_see_and_comments_carry_no_names()
    {
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var c = await SurveyKit.ClassAsync(App, admin, people: 6);
        var results = $"/api/v1/evaluations/results?offeringId={c.OfferingId}";
        int[] grades = [5, 4, 4, 3, 5];
        for (var i = 0; i < 4; i++)
        {
            using var t = await App.ApiClientAsync(c.Emails[i]);
            (await t.PutAsJsonAsync($"/api/v1/evaluations/class/{c.OfferingId}", SurveyKit.Answers(c, grades[i], choice: i % 2, comment: $"Comentário {i}", ranked: ["1", "0"]))).EnsureSuccessStatusCode();
        }

        var four = await admin.GetFromJsonAsync<JsonElement>(results);
        (four.GetProperty("responses").GetInt32(), four.GetProperty("shown").GetBoolean()).ShouldBe((4, false));
        four.GetProperty("questions").GetArrayLength().ShouldBe(0);
        four.GetProperty("average").ValueKind.ShouldBe(JsonValueKind.Null);

        using (var fifth = await App.ApiClientAsync(c.Emails[4]))
        {
            (await fifth.PutAsJsonAsync($"/api/v1/evaluations/class/{c.OfferingId}", SurveyKit.Answers(c, grades[4], ranked: ["2"]))).EnsureSuccessStatusCode();
        }

        var five = await admin.GetFromJsonAsync<JsonElement>(results);
        (five.GetProperty("responses").GetInt32(), five.GetProperty("shown").GetBoolean()).ShouldBe((5, true));
        five.GetProperty("average").GetDouble().ShouldBe(4.2);
        var questions = five.GetProperty("questions").EnumerateArray().ToList();
        var scale = questions.Single(q => q.GetProperty("kind").GetString() == "Scale");
        scale.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("count").GetInt32()).ShouldBe([0, 0, 1, 2, 2]);
        var ranked = questions.Single(q => q.GetProperty("kind").GetString() == "RankedTopics");
        // 3 topics: first place 3 points, second 2. Orçamento 4×3 = 12, Licitações 4×2 = 8, Liderança 3.
        ranked.GetProperty("options").EnumerateArray().Select(o => (o.GetProperty("option").GetString(), o.GetProperty("points").GetInt32()))
            .ShouldBe([("Orçamento", 12), ("Licitações", 8), ("Liderança", 3)]);
        var comments = questions.Single(q => q.GetProperty("kind").GetString() == "LongText").GetProperty("comments").EnumerateArray().Select(x => x.GetString()).ToList();
        comments.ShouldBe(["Comentário 0", "Comentário 1", "Comentário 2", "Comentário 3"]);
        five.GetProperty("questions").ToString().ShouldNotContain("Pessoa de Teste", customMessage: "answers carry no names");

        // The class's instructor sees them; another instructor sees nothing of this class.
        var (instructorEmail, instructorId) = await AttendanceKit.AccountAsync(App, Roles.Instructor);
        await App.WithDbAsync(db =>
        {
            db.OfferingInstructors.Add(new TrainingHub.Core.Catalog.OfferingInstructor { OfferingId = c.OfferingId, PersonId = instructorId });
            return db.SaveChangesAsync();
        });
        using var instructor = await App.ApiClientAsync(instructorEmail);
        (await instructor.GetFromJsonAsync<JsonElement>(results)).GetProperty("shown").GetBoolean().ShouldBeTrue();
        var (strangerEmail, _) = await AttendanceKit.AccountAsync(App, Roles.Instructor);
        using var stranger = await App.ApiClientAsync(strangerEmail);
        (await stranger.GetFromJsonAsync<JsonElement>(results)).GetProperty("responses").GetInt32().ShouldBe(0);
        using var trainee = await App.ApiClientAsync(c.Emails[0]);
        (await trainee.GetAsync(results)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Per course and per instructor the same class counts; the page draws the chart.
        var courseId = await App.WithDbAsync(db => db.Classes.Where(x => x.Id == c.OfferingId).Select(x => x.CourseId).SingleAsync());
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/evaluations/results?courseId={courseId}")).GetProperty("responses").GetInt32().ShouldBe(5);
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (status, html) = await browser.GetPageAsync($"/evaluations/results?offeringId={c.OfferingId}");
        status.ShouldBe(HttpStatusCode.OK);
        html.QuerySelector("[data-testid=over-time]").ShouldNotBeNull();
        html.QuerySelector("[data-testid=average]")!.GetAttribute("data-value").ShouldBe("4.2");
    }
}
