namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>The enrolment awaits a manager's approval.</summary>
public sealed record EnrolmentReceived(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn) : IEnrolmentMessage
{
    public bool Essential => true;
}
