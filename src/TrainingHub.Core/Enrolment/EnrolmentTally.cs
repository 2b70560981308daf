namespace TrainingHub.Core.Enrolment;

/// <summary>Counts what a run of enrolments came to, for the reports of bulk operations.</summary>
public sealed class EnrolmentTally
{
    public int Confirmed { get; private set; }
    public int Waitlisted { get; private set; }
    public int AwaitingApproval { get; private set; }
    public int AlreadyEnrolled { get; private set; }

    public void Add(EnrolmentOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        switch (outcome)
        {
            case { AlreadyEnrolled: true }:
                AlreadyEnrolled++;
                break;
            case { Status: EnrolmentStatus.Confirmed }:
                Confirmed++;
                break;
            case { Status: EnrolmentStatus.Waitlisted }:
                Waitlisted++;
                break;
            default:
                AwaitingApproval++;
                break;
        }
    }
}
