namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>The seat offer was not accepted in time.</summary>
public sealed record SeatOfferExpired(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn) : IEnrolmentMessage
{
    public bool Essential => true;
}
