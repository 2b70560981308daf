using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Accounts.Messages;

/// <summary>An invitation to get a TrainingHub account: a single-use link, valid for some days, to choose a passphrase.</summary>
public sealed record AccountInvitation(string Person, string Organization, string Link, int ValidDays) : IEmailMessage
{
    public bool Essential => true;
}
