namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>The person has a seat.</summary>
public sealed record EnrolmentConfirmed(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn) : IEnrolmentMessage
{
    public bool Essential => true;
}
