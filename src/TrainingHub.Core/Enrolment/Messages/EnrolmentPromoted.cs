namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>A seat freed up and went to the person straight away.</summary>
public sealed record EnrolmentPromoted(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn) : IEnrolmentMessage
{
    public bool Essential => true;
}
