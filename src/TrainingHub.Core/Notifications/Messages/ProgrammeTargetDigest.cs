namespace TrainingHub.Core.Notifications.Messages;

/// <summary>An organisation's people who will miss the programme's target, of its people in the programme.</summary>
public sealed record OrganizationShortfall(string Organization, int WillMiss, int People);

/// <summary>
/// The monthly note to the administrators of a programme's owning organisation: how many of its people will miss the
/// yearly target, the organisations with the most of them, and the link to the list. Optional.
/// </summary>
public sealed record ProgrammeTargetDigest(string Person, string Programme, int Year, int WillMiss, int People, IReadOnlyList<OrganizationShortfall> Organizations,
    string? OutlookUrl) : IEmailMessage
{
    public bool Essential => false;
}
