namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>The manager approved the enrolment: confirmed, or on the waiting list when the class is full.</summary>
public sealed record EnrolmentApproved(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn, EnrolmentStatus Status) : IEnrolmentMessage
{
    public bool Essential => true;
}
