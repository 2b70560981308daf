using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Accounts.Messages;

/// <summary>The link that confirms a self-registration's e-mail address (single use, valid for some hours).</summary>
public sealed record RegistrationConfirmation(string Person, string Organization, string Link, int ValidHours) : IEmailMessage
{
    public bool Essential => true;
}

/// <summary>
/// Sent instead of a confirmation link when the CPF or the e-mail given already has an account: where to recover
/// access. It never names the account's address.
/// </summary>
public sealed record RegistrationAccountExists(string Person, string RecoverLink) : IEmailMessage
{
    public bool Essential => true;
}

/// <summary>An administrator approved the request: the account is ready.</summary>
public sealed record RegistrationApproved(string Person, string Organization, string SignInLink) : IEmailMessage
{
    public bool Essential => true;
}

/// <summary>An administrator refused the request, saying why.</summary>
public sealed record RegistrationRefused(string Person, string Organization, string Reason) : IEmailMessage
{
    public bool Essential => true;
}
