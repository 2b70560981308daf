namespace TrainingHub.Core.Notifications.Messages;

/// <summary>An enrolment awaiting the manager's decision, as the digest lists it.</summary>
public sealed record PendingApproval(string Person, string Offering, DateOnly StartsOn, DateTime RequestedAt);

/// <summary>The monthly digest of the enrolments awaiting a manager's approval (the first ones listed, the count of all). Optional.</summary>
public sealed record PendingApprovalsDigest(string Person, int Count, IReadOnlyList<PendingApproval> Pending, string? ApprovalsUrl) : IEmailMessage
{
    public bool Essential => false;
}
