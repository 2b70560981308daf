namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>The seat offer is about to expire.</summary>
public sealed record SeatOfferExpiring(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn, DateTime OfferExpiresAt) : IEnrolmentMessage
{
    public bool Essential => true;
}
