using Microsoft.Extensions.Localization;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// An email a feature sends: one record per message, with typed fields, queued with <see cref="Outbox"/> and stored as
/// JSON under its type name (see <see cref="EmailMessages"/>). Its template is the Razor view of the same name beside
/// it (Enrolment/Messages/EnrolmentConfirmed.cs and .cshtml), its strings in the shared resx files.
/// </summary>
public interface IEmailMessage
{
    /// <summary>Essential messages go even to people who opted out of optional ones (which carry an unsubscribe link).</summary>
    bool Essential { get; }

    /// <summary>Files to attach at send time, named by reference (<see cref="IOutboxAttachmentSource"/>), never copied.</summary>
    IReadOnlyList<OutboxAttachment> Attachments => [];
}

/// <summary>A message that carries a calendar invitation or cancellation (.ics) for the sessions it is about.</summary>
public interface ICalendarMessage : IEmailMessage
{
    /// <summary>The invitation (or cancellation), its texts in the reader's language; null when there is none to send.</summary>
    CalendarInvite? Calendar(IStringLocalizer text);

    /// <summary>The attendee's name on the invitation, when the message knows it.</summary>
    string? AttendeeName() => null;
}

/// <summary>
/// The JSON names a field had in payloads queued before messages were typed: rows already in the outbox are read
/// into the record under its current name.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class FormerlyAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}
