using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Certificates.Messages;

/// <summary>
/// To the administrators of a certificate (<see cref="CertificateAccess"/>): a correction that was just saved turned
/// the enrolment of a valid certificate into not completed, so the certificate is under review until one of them
/// revokes or keeps it (<see cref="CertificateReview"/>).
/// </summary>
public sealed record CertificateUnderReview(string Administrator, string Holder, string Course, string OfferingCode, string VerificationCode, DateTime IssuedAt) : IEmailMessage
{
    public bool Essential => true;
}
