using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Imports;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Reports;

namespace TrainingHub.IntegrationTests.Surveys;

/// <summary>
/// The survey reports through the report exports (CSV, XLSX, PDF) on both databases: evaluation scores per course and
/// instructor, needs per topic and response rates per organisation, with the five-answer threshold in the files too.
/// </summary>
public sealed class SurveyExportTests(string provider) : OnBothDatabases(provider)
{
    private string Period => $"from={SaoPaulo.Today(App.Clock).AddDays(-1):yyyy-MM-dd}&to={SaoPaulo.Today(App.Clock).AddDays(40):yyyy-MM-dd}";

    [Test]
    public async Task Evaluation_scores_per_course_and_instructor_export_only_from_five_answers_in_every_format()
    {
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var rich = await SurveyKit.ClassAsync(App, admin, people: 5);
        var poor = await SurveyKit.ClassAsync(App, admin, people: 3, programmeId: rich.ProgrammeId, questionnaireId: rich.QuestionnaireId);
        int[] grades = [5, 4, 4, 3, 5];
        for (var i = 0; i < 5; i++)
        {
            using var t = await App.ApiClientAsync(rich.Emails[i]);
            (await t.PutAsJsonAsync($"/api/v1/evaluations/class/{rich.OfferingId}", SurveyKit.Answers(rich, grades[i]))).EnsureSuccessStatusCode();
        }

        for (var i = 0; i < 3; i++)
        {
            using var t = await App.ApiClientAsync(poor.Emails[i]);
            (await t.PutAsJsonAsync($"/api/v1/evaluations/class/{poor.OfferingId}", SurveyKit.Answers(poor, 1))).EnsureSuccessStatusCode();
        }

        var courses = await App.WithDbAsync(db => db.Classes.Where(c => c.Id == rich.OfferingId || c.Id == poor.OfferingId)
            .Select(c => new { c.Id, c.Course!.Code, c.Course.Title, Instructor = c.Instructors.Select(i => i.Person!.FullName).Single() }).ToDictionaryAsync(c => c.Id));
        var query = $"programmeId={rich.ProgrammeId}&{Period}";

        // CSV in Portuguese: BOM, ';' between fields, the average with a decimal comma; below five answers only the count.
        var bytes = await admin.GetByteArrayAsync($"/api/v1/reports/EvaluationScores/export.csv?{query}&culture=pt-BR");
        var raw = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        raw.ShouldContain($"{courses[rich.OfferingId].Code};{courses[rich.OfferingId].Title};Todos os instrutores;5;4,2\r\n");
        raw.ShouldContain($"{courses[rich.OfferingId].Code};{courses[rich.OfferingId].Title};{courses[rich.OfferingId].Instructor};5;4,2\r\n");
        raw.ShouldContain($"{courses[poor.OfferingId].Code};{courses[poor.OfferingId].Title};Todos os instrutores;3;\r\n");
        var csv = ReportFiles.ParseCsv(bytes);
        csv[0].ShouldBe(["Código", "Curso", "Pessoa instrutora", "Respostas", "Nota média (1 a 5)"]);
        csv.Count.ShouldBe(6, "header, two rows per course (all instructors, the one instructor), totals");
        csv[^1][3].ShouldBe("8");
        csv[^1][4].ShouldBe("3", "all eight answers: (21 + 3) / 8");

        // XLSX: the same rows, the average as a number.
        var xlsx = ReportFiles.ReadXlsx(await admin.GetByteArrayAsync($"/api/v1/reports/EvaluationScores/export.xlsx?{query}&culture=en"));
        var sheet = xlsx.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToList();
        sheet.Count.ShouldBe(6);
        var richRow = sheet.Single(r => r[0].GetProperty("v").GetString() == courses[rich.OfferingId].Code && r[2].GetProperty("v").GetString() == "All instructors");
        (richRow[4].GetProperty("t").GetString(), richRow[4].GetProperty("v").GetDecimal()).ShouldBe(("num", 4.2m));
        var poorRow = sheet.Single(r => r[0].GetProperty("v").GetString() == courses[poor.OfferingId].Code && r[2].GetProperty("v").GetString() == "All instructors");
        poorRow[4].ValueKind.ShouldBeOneOf(JsonValueKind.Null, JsonValueKind.Object);
        if (poorRow[4].ValueKind == JsonValueKind.Object)
        {
            poorRow[4].GetProperty("v").ValueKind.ShouldBe(JsonValueKind.Null, "no average below five answers");
        }

        // PDF, read back by pdftotext.
        var pdf = ReportFiles.PdfText(await admin.GetByteArrayAsync($"/api/v1/reports/EvaluationScores/export.pdf?{query}&culture=pt-BR"));
        pdf.ShouldContain("Notas da avaliação por curso e instrutor");
        pdf.ShouldContain("4,2");
        pdf.ShouldContain(courses[rich.OfferingId].Code);
    }

    [Test]
    public async Task Needs_per_topic_and_response_rates_per_organisation_export_with_the_threshold()
    {
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var programme = await SurveyKit.ProgrammeAsync(App);
        var owner = await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.OwnerOrganizationId).SingleAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/questionnaires", SurveyKit.Merge(new
        {
            title = "Necessidades",
            purpose = "Needs",
            questions = new object[] { new { kind = "RankedTopics", required = true, textPt = "Temas", textEn = "Topics", optionsPt = "Orçamento\nIndicadores\nInovação", optionsEn = "Budget\nIndicators\nInnovation" } },
        }, owner));
        var questionnaireId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var org = await ImportKit.OrganizationAsync(App);
        var people = await Arrange.PeopleAsync(App, 6, org.Id);
        var closesOn = SaoPaulo.Today(App.Clock).AddDays(10);
        var survey = await admin.PostAsJsonAsync($"/api/v1/programmes/{programme}/needs-surveys",
            new { questionnaireId, cycle = "2027", closesOn = closesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), audience = "AllMembers", organizationIds = new[] { org.Id } });
        var id = (await survey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await admin.PostAsync($"/api/v1/needs-surveys/{id}/send", null)).EnsureSuccessStatusCode();
        var question = await App.WithDbAsync(db => db.Questions.Where(q => q.Version!.QuestionnaireId == questionnaireId).Select(q => q.Id).SingleAsync());
        var query = $"programmeId={programme}&{Period}&culture=en";

        async Task AnswerAsync(int person, params string[] topics)
        {
            using var client = await App.ApiClientAsync((await AttendanceKit.AccountAsync(App, Roles.Trainee, person)).Email);
            (await client.PutAsJsonAsync($"/api/v1/needs/{id}", new { answers = new Dictionary<string, string[]> { [question.ToString(CultureInfo.InvariantCulture)] = topics } })).EnsureSuccessStatusCode();
        }

        await AnswerAsync(people[0], "1", "0");
        await AnswerAsync(people[1], "1");
        await AnswerAsync(people[2], "2", "1");
        await AnswerAsync(people[3], "0");

        // Four answers: the rates show, the topics do not.
        var rates = ReportFiles.ParseCsv(await admin.GetByteArrayAsync($"/api/v1/reports/SurveyResponseRates/export.csv?{query}"));
        rates[0].ShouldBe(["Programme", "Cycle", "Organisation", "Asked", "Answered", "Response rate"]);
        rates[1][2..].ShouldBe([org.Acronym, "6", "4", "66.7"]);
        ReportFiles.ParseCsv(await admin.GetByteArrayAsync($"/api/v1/reports/NeedsTopics/export.csv?{query}")).Count.ShouldBe(1, "only the header below five answers");

        await AnswerAsync(people[4], "1", "2", "0");
        var topics = ReportFiles.ParseCsv(await admin.GetByteArrayAsync($"/api/v1/reports/NeedsTopics/export.csv?{query}"));
        topics[0].ShouldBe(["Programme", "Cycle", "Topic", "Points", "Answers naming it", "Offered"]);
        // Points: Indicators 3+3+2+3 = 11, Budget 2+3+1 = 6, Innovation 3+2 = 5.
        topics.Skip(1).Select(r => (r[2], r[3], r[4])).ShouldBe([("Indicators", "11", "4"), ("Budget", "6", "3"), ("Innovation", "5", "2")]);

        var xlsx = ReportFiles.ReadXlsx(await admin.GetByteArrayAsync($"/api/v1/reports/NeedsTopics/export.xlsx?{query}"));
        var sheet = xlsx.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToList();
        (sheet[1][2].GetProperty("v").GetString(), sheet[1][3].GetProperty("v").GetInt32()).ShouldBe(("Indicators", 11));
        var pdf = ReportFiles.PdfText(await admin.GetByteArrayAsync($"/api/v1/reports/SurveyResponseRates/export.pdf?{query}"));
        pdf.ShouldContain("Response rates per organisation");
        pdf.ShouldContain(org.Acronym);
        pdf.ShouldContain("83.3 %");

        // Another organisation's administrator sees none of it.
        var (_, stranger) = await ImportKit.AdministratorAsync(App, (await ImportKit.OrganizationAsync(App)).Id);
        ReportFiles.ParseCsv(await stranger.GetByteArrayAsync($"/api/v1/reports/SurveyResponseRates/export.csv?{query}")).Count.ShouldBe(2, "header and an empty totals line");
    }
}
