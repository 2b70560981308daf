namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>The manager did not approve the enrolment.</summary>
public sealed record EnrolmentRejected(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn, string? Reason) : IEnrolmentMessage
{
    public bool Essential => true;
}
