namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>A seat freed up and is offered to the person until a deadline.</summary>
public sealed record SeatOffered(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn, DateTime OfferExpiresAt) : IEnrolmentMessage
{
    public bool Essential => true;
}
