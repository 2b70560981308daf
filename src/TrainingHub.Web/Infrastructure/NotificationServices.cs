using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Reports;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// What sending mail needs: the SMTP settings and sender, unsubscribe links, the attachments built at send time and
/// the dispatcher's settings (<c>Outbox:*</c>, validated at start-up). The jobs that queue and send are wired in
/// <see cref="Scheduling"/>.
/// </summary>
public static class NotificationServices
{
    public static void AddNotificationServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var config = builder.Configuration;
        services.Configure<SmtpOptions>(config.GetSection("Smtp"));
        services.AddOptions<OutboxOptions>().Bind(config.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<MailServerStatus>();
        services.AddSingleton<IUnsubscribeTokens, UnsubscribeTokens>();
        services.AddSingleton<IOutboxAttachmentSource>(new CertificateAttachmentSource(AttachmentKinds.Certificate));
        services.AddSingleton<IOutboxAttachmentSource>(new CertificateAttachmentSource(AttachmentKinds.Transcript));
        services.AddSingleton<IOutboxAttachmentSource>(sp => new ReportAttachmentSource(sp.GetRequiredService<TimeProvider>(),
            Translators.For(sp.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource)))));
        services.AddSingleton(sp => DispatchSettingsFrom(sp.GetRequiredService<IOptions<OutboxOptions>>().Value, sp.GetRequiredService<IOptions<SmtpOptions>>().Value,
            config["App:PublicUrl"]) with
        {
            Unsubscribe = sp.GetRequiredService<IUnsubscribeTokens>(),
            AttachmentSources = [.. sp.GetServices<IOutboxAttachmentSource>()],
        });
        // Messages are rendered as they are queued (a save interceptor of the app's contexts), with the same settings.
        services.AddSingleton(sp => new OutboxRendering(sp.GetRequiredService<DispatchSettings>()));
    }

    public static DispatchSettings DispatchSettingsFrom(OutboxOptions outbox, SmtpOptions smtp, string? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(smtp);
        var from = smtp.From;
        var domain = from.Contains('@', StringComparison.Ordinal) ? from[(from.LastIndexOf('@') + 1)..] : "traininghub.local";
        return new DispatchSettings(
            MaxAttempts: Math.Max(1, smtp.MaxAttempts),
            BatchSize: outbox.BatchSize,
            LeaseSeconds: outbox.LeaseSeconds,
            MaxBackoffMinutes: outbox.MaxBackoffMinutes,
            PublicUrl: publicUrl,
            MessageIdDomain: domain,
            CalendarOrganizer: from.Contains('@', StringComparison.Ordinal) ? from : null,
            CalendarOrganizerName: smtp.FromName);
    }
}

/// <summary><c>Outbox:*</c>: how many rows one dispatch claims, how long a claim holds, the longest wait between attempts.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    [Range(1, 1000, ErrorMessage = "Outbox:BatchSize must be between {1} and {2}.")]
    public int BatchSize { get; set; } = 50;

    [Range(10, 86_400, ErrorMessage = "Outbox:LeaseSeconds must be between {1} and {2}.")]
    public int LeaseSeconds { get; set; } = 300;

    [Range(1, 10_080, ErrorMessage = "Outbox:MaxBackoffMinutes must be between {1} and {2}.")]
    public int MaxBackoffMinutes { get; set; } = 240;
}
