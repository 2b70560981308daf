using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Certificates.Messages;

/// <summary>A certificate was issued (or reissued, correcting one): its PDF goes attached, rendered at send time from the snapshot.</summary>
public sealed record CertificateIssued(string Person, string? Course, string? OfferingCode, int WorkloadMinutes, DateOnly? StartsOn, DateOnly? EndsOn,
    [property: Formerly("code")] string VerificationCode, string VerificationUrl, bool Reissue, bool Participation = false) : IEmailMessage
{
    public bool Essential => true;

    public IReadOnlyList<OutboxAttachment> Attachments => [new(AttachmentKinds.Certificate, VerificationCode)];
}
