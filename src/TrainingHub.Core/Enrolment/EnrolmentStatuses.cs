namespace TrainingHub.Core.Enrolment;

/// <summary>
/// The sets of enrolment statuses the rules speak of, written once. Each is a plain array, so a query may say
/// <c>EnrolmentStatuses.Seated.Contains(e.Status)</c> and the database does the filtering.
/// </summary>
public static class EnrolmentStatuses
{
    /// <summary>Holding a seat in the class: on the roster, counted for attendance, completion and hours.</summary>
    public static readonly EnrolmentStatus[] Seated = [EnrolmentStatus.Confirmed, EnrolmentStatus.Completed, EnrolmentStatus.Failed];

    /// <summary>Still expecting to take part: seated for a class not yet finished, waitlisted or awaiting approval.</summary>
    public static readonly EnrolmentStatus[] Upcoming = [EnrolmentStatus.Confirmed, EnrolmentStatus.Waitlisted, EnrolmentStatus.AwaitingApproval];

    /// <summary>Enrolled in any way (everything but cancelled): enrolling again changes nothing.</summary>
    public static readonly EnrolmentStatus[] Enrolled =
        [EnrolmentStatus.Requested, EnrolmentStatus.AwaitingApproval, EnrolmentStatus.Confirmed, EnrolmentStatus.Waitlisted, EnrolmentStatus.Completed, EnrolmentStatus.Failed];
}
