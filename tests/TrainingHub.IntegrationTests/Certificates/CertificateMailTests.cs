using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Notifications;

namespace TrainingHub.IntegrationTests.Certificates;

public sealed class CertificateMailTests(string provider) : MailFixture(provider)
{
    [TestCase("pt-BR", "Seu certificado: ")]
    [TestCase("en", "Your certificate: ")]
    public async Task The_issued_certificate_is_emailed_with_the_pdf_byte_identical_to_the_download(string language, string subject)
    {
        var c = await CertificateKit.CompletedClassAsync(App, 1, personName: "Inês Gonçalves Brandão", language: language);
        await using (var scope = App.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            (await IssueCertificates.HandleAsync(db, App.Clock, App.Services.GetRequiredService<IssueSettings>(), c.OfferingId, CancellationToken.None)).Issued.ShouldBe(1);
        }

        var (id, email) = await App.WithDbAsync(async db =>
        {
            var row = await db.Certificates.Where(x => x.Enrolment!.OfferingId == c.OfferingId).Select(x => new { x.Id, x.Person!.Email }).SingleAsync();
            return (row.Id, row.Email);
        });

        // Rendered once, at issuance: the stored PDF is the one its snapshot renders to.
        var (snapshot, stored) = await App.WithDbAsync(async db =>
        {
            var row = await db.Certificates.Where(x => x.Id == id).Select(x => new { x.SnapshotJson, x.Document!.Content }).SingleAsync();
            return (row.SnapshotJson, row.Content);
        });
        stored.ShouldBe(CertificateRenderer.Render(CertificateSnapshot.FromJson(snapshot)));
        CertificateKit.PdfText(stored, 1).ShouldContain("Inês Gonçalves Brandão");

        // The email and the download serve the stored file, not a new rendering: a mark added to the stored bytes
        // (a PDF comment after the end) arrives in both.
        var marked = stored.Concat(System.Text.Encoding.ASCII.GetBytes("\n% stored at issuance\n")).ToArray();
        await App.WithDbAsync(db => db.CertificateDocuments.Where(d => d.CertificateId == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.Content, marked)));

        // Later: the dispatcher attaches the stored PDF at send time.
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        await DispatchAsync();

        var mail = (await Mail.ForAsync(email)).ShouldHaveSingleItem();
        mail.GetProperty("subject").GetString()!.ShouldStartWith(subject);
        var attachment = mail.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        attachment.GetProperty("contentType").GetString().ShouldBe("application/pdf");
        var emailed = await Mail.AttachmentAsync(mail, attachment.GetProperty("generatedFileName").GetString()!);

        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        var downloaded = await api.GetByteArrayAsync($"/api/v1/certificates/{id}/pdf");
        emailed.ShouldBe(downloaded);
        emailed.ShouldBe(marked);
    }

    private async Task DispatchAsync()
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = Mail.SmtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo", TimeoutSeconds = 10 };
        var settings = App.Services.GetRequiredService<DispatchSettings>() with { BatchSize = 1000 };
        (await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), App.Clock, settings, "it-certificates", CancellationToken.None)).Sent.ShouldBeGreaterThan(0);
    }
}
