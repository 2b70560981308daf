using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Notifications;

namespace TrainingHub.IntegrationTests.Surveys;

/// <summary>The completion email links to the class's evaluation when the programme evaluates its courses, in the reader's language.</summary>
public sealed class EvaluationMailTests(string provider) : MailFixture(provider)
{
    [TestCase("pt-BR", "Responder à avaliação", "o programa pede a sua resposta antes de liberar o download do certificado")]
    [TestCase("en", "Answer the evaluation", "the programme asks for your answer before the certificate can be downloaded")]
    public async Task The_completion_email_links_to_the_open_evaluation_only_when_the_programme_has_one(string language, string link, string required)
    {
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var evaluated = await SurveyKit.ProgrammeAsync(App);
        var owner = await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == evaluated).Select(p => p.OwnerOrganizationId).SingleAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/questionnaires", SurveyKit.Merge(SurveyKit.Questionnaire("Avaliação de reação"), owner));
        created.EnsureSuccessStatusCode();
        var questionnaireId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await admin.PutAsJsonAsync($"/api/v1/programmes/{evaluated}/evaluation", new { questionnaireId, requiredForCertificate = true, daysOpen = 10 })).EnsureSuccessStatusCode();
        var plain = await SurveyKit.ProgrammeAsync(App);

        var withEvaluation = await CompleteAsync(evaluated, language);
        var without = await CompleteAsync(plain, language);

        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync();

        var mail = (await Mail.ForAsync(withEvaluation.Email)).ShouldHaveSingleItem();
        var html = mail.GetProperty("html").GetString()!;
        var text = mail.GetProperty("text").GetString()!;
        var closes = await App.WithDbAsync(db => db.Sessions.Where(s => s.OfferingId == withEvaluation.OfferingId).MaxAsync(s => s.EndsAt));
        text.ShouldContain(TrainingHub.Core.Common.SaoPaulo.FormatDate(closes.AddDays(10)));
        text.ShouldContain(required);
        var anchor = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("a[data-testid=evaluation-link]").ShouldNotBeNull();
        anchor.TextContent.ShouldBe(link);
        anchor.GetAttribute("href").ShouldBe($"https://traininghub.test/evaluations/class/{withEvaluation.OfferingId}");

        var other = (await Mail.ForAsync(without.Email)).ShouldHaveSingleItem();
        other.GetProperty("html").GetString()!.ShouldNotContain("/evaluations/");
        other.GetProperty("text").GetString()!.ShouldNotContain(link);
    }

    /// <summary>A class of the programme whose one session is recorded and closed through the API, which completes the trainee and queues the email.</summary>
    private async Task<(int OfferingId, string Email)> CompleteAsync(int programmeId, string language)
    {
        var c = await AttendanceKit.ClassAsync(App, people: 1, sessions: 1, minutes: 90);
        var email = await App.WithDbAsync(async db =>
        {
            var offering = await db.Offerings.OfType<CourseClass>().Include(o => o.Course).SingleAsync(o => o.Id == c.OfferingId);
            offering.ProgrammeId = programmeId;
            offering.Course!.ProgrammeId = programmeId;
            await db.SaveChangesAsync();
            await db.People.Where(p => p.Id == c.People[0]).ExecuteUpdateAsync(u => u.SetProperty(p => p.PreferredLanguage, language));
            return await db.People.Where(p => p.Id == c.People[0]).Select(p => p.Email).SingleAsync();
        });
        using var instructor = await App.ApiClientAsync(c.InstructorEmail);
        (await instructor.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[0]}/roster", new { entries = new[] { new { personId = c.People[0], status = "Present", minutes = (int?)null } } }))
            .EnsureSuccessStatusCode();
        (await instructor.PostAsync($"/api/v1/sessions/{c.SessionIds[0]}/close", null)).EnsureSuccessStatusCode();
        (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientPersonId == c.People[0] && m.MessageType == "EnrolmentCompleted"))).ShouldBe(1);
        return (c.OfferingId, email);
    }

    private async Task DispatchAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = Mail.SmtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo", TimeoutSeconds = 10 };
        var settings = App.Services.GetRequiredService<DispatchSettings>() with { BatchSize = 1000 };
        (await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Microsoft.Extensions.Options.Options.Create(smtp)), App.Clock, settings, "it-surveys", CancellationToken.None)).Sent.ShouldBeGreaterThan(0);
    }
}
