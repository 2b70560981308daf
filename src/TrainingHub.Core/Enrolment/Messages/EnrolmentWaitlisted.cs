namespace TrainingHub.Core.Enrolment.Messages;

/// <summary>The class is full: the person is on its waiting list.</summary>
public sealed record EnrolmentWaitlisted(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn, int? WaitlistPosition) : IEnrolmentMessage
{
    public bool Essential => true;
}
