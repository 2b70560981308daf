using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Certificates;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Surveys;

/// <summary>A programme of a test's own with an evaluation questionnaire, and a finished class of it with trainees who can sign in.</summary>
internal sealed record EvaluatedClass(int ProgrammeId, int QuestionnaireId, int OfferingId, string CourseTitle, IReadOnlyList<int> People,
    IReadOnlyList<string> Emails, IReadOnlyList<int> QuestionIds);

internal static class SurveyKit
{
    /// <summary>Scale (required), single choice (required), ranked topics, long text: the shape of a reaction evaluation.</summary>
    public static object Questionnaire(string title) => new
    {
        title,
        purpose = "Evaluation",
        questions = new object[]
        {
            new { kind = "Scale", required = true, sectionPt = "O curso", sectionEn = "The course", textPt = "Como você avalia o curso?", textEn = "How do you rate the course?" },
            new { kind = "SingleChoice", required = true, textPt = "Você recomendaria o curso?", textEn = "Would you recommend the course?", optionsPt = "Sim\nNão", optionsEn = "Yes\nNo" },
            new { kind = "RankedTopics", required = false, textPt = "Que temas aprofundar?", textEn = "Which topics to deepen?", optionsPt = "Licitações\nOrçamento\nLiderança", optionsEn = "Procurement\nBudget\nLeadership" },
            new { kind = "LongText", required = false, textPt = "Comentários", textEn = "Comments" },
        },
    };

    public static async Task<int> ProgrammeAsync(TestApp app)
    {
        return await app.WithDbAsync(async db =>
        {
            var owner = await db.Organizations.Where(o => o.Kind == OrganizationKind.StateAgency).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            var p = new Programme { Code = "AV-" + Guid.NewGuid().ToString("N")[..8], Name = "Programa avaliado " + Guid.NewGuid().ToString("N")[..6], OwnerOrganizationId = owner, CreatedAt = app.Clock.GetUtcNow().UtcDateTime };
            db.Programmes.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
    }

    public static async Task<EvaluatedClass> ClassAsync(TestApp app, HttpClient admin, int people, bool required = false, int? programmeId = null, int? questionnaireId = null)
    {
        var programme = programmeId ?? await ProgrammeAsync(app);
        if (questionnaireId is null)
        {
            var owner = await app.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.OwnerOrganizationId).SingleAsync());
            var created = await admin.PostAsJsonAsync("/api/v1/questionnaires", Merge(Questionnaire("Avaliação de reação"), owner));
            created.EnsureSuccessStatusCode();
            questionnaireId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }

        (await admin.PutAsJsonAsync($"/api/v1/programmes/{programme}/evaluation", new { questionnaireId, requiredForCertificate = required, daysOpen = 30 })).EnsureSuccessStatusCode();
        var c = await CertificateKit.CompletedClassAsync(app, people);
        await app.WithDbAsync(async db =>
        {
            var offering = await db.Offerings.OfType<CourseClass>().Include(o => o.Course).SingleAsync(o => o.Id == c.OfferingId);
            offering.ProgrammeId = programme;
            offering.Course!.ProgrammeId = programme;
            return await db.SaveChangesAsync();
        });
        var emails = new List<string>();
        foreach (var person in c.People)
        {
            emails.Add((await AttendanceKit.AccountAsync(app, Roles.Trainee, person)).Email);
        }

        var questions = await app.WithDbAsync(db => db.Questions.Where(q => q.Version!.QuestionnaireId == questionnaireId).OrderByDescending(q => q.Version!.Number).ThenBy(q => q.Position).Select(q => q.Id).Take(4).ToListAsync());
        return new EvaluatedClass(programme, questionnaireId.Value, c.OfferingId, c.CourseTitle, c.People, emails, questions);
    }

    public static object Merge(object questionnaire, int ownerOrganizationId)
    {
        var json = JsonSerializer.SerializeToNode(questionnaire)!.AsObject();
        json["ownerOrganizationId"] = ownerOrganizationId;
        return json;
    }

    /// <summary>Answers by question id: grade, choice, ranked topics, comment.</summary>
    public static object Answers(EvaluatedClass c, int grade, int choice = 0, string? comment = null, string[]? ranked = null) => new
    {
        answers = new Dictionary<string, string[]>
        {
            [c.QuestionIds[0].ToString(System.Globalization.CultureInfo.InvariantCulture)] = [grade.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            [c.QuestionIds[1].ToString(System.Globalization.CultureInfo.InvariantCulture)] = [choice.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            [c.QuestionIds[2].ToString(System.Globalization.CultureInfo.InvariantCulture)] = ranked ?? [],
            [c.QuestionIds[3].ToString(System.Globalization.CultureInfo.InvariantCulture)] = comment is null ? [] : [comment],
        },
    };
}
