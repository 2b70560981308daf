namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>The enrolment was cancelled.</summary>
public sealed record EnrolmentCancelled(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn) : IEnrolmentMessage
{
    public bool Essential => true;
}
