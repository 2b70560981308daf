using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Attendance;

internal static class FollowUpKit
{
    /// <summary>Sends everything due in the outbox to maildev.</summary>
    public static async Task<DispatchOutcome> DispatchAsync(TestApp app, int smtpPort)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo", TimeoutSeconds = 10 };
        var settings = new DispatchSettings(MaxAttempts: 8, BatchSize: 1000, LeaseSeconds: 300, PublicUrl: "https://traininghub.test", MessageIdDomain: "traininghub.test",
            Unsubscribe: app.Services.GetRequiredService<IUnsubscribeTokens>(), AttachmentSources: null);
        return await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), app.Clock, settings, "it-attendance", CancellationToken.None);
    }

    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
}
