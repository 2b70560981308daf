using MimeKit;

namespace TrainingHub.Core.Common;

/// <summary>
/// An email address as a person types it: one mailbox, local part @ domain, with no display name, angle brackets or
/// spaces. Read by MimeKit, the library that later sends to it.
/// </summary>
public static class EmailAddress
{
    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && MailboxAddress.TryParse(value, out var mailbox)
        && mailbox.Address == value
        && mailbox.Address.IndexOf('@', StringComparison.Ordinal) > 0;
}
