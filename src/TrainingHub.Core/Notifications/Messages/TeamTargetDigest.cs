namespace TrainingHub.Core.Notifications.Messages;

/// <summary>A person a manager manages who will miss a programme's yearly target even attending every session they hold a seat in.</summary>
public sealed record TeamTargetShortfall(string Person, string Programme, int TargetMinutes, int CreditedMinutes, int BookedMinutes);

/// <summary>The monthly note to a manager about the people they manage who will miss a yearly target (the first ones listed, the count of all). Optional.</summary>
public sealed record TeamTargetDigest(string Person, int Year, int Count, IReadOnlyList<TeamTargetShortfall> People) : IEmailMessage
{
    public bool Essential => false;
}
