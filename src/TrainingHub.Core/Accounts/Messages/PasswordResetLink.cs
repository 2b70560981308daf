using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Accounts.Messages;

/// <summary>A single-use link to choose a new password, asked for by the person or sent by an administrator.</summary>
public sealed record PasswordResetLink(string Person, string Link, int ValidHours, bool SentByAdministrator) : IEmailMessage
{
    public bool Essential => true;
}
