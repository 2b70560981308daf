using TrainingHub.Core.Enrolment;

namespace TrainingHub.UnitTests.Enrolment;

/// <summary>The status sets the rules use, spelled out once.</summary>
public class EnrolmentStatusesTests
{
    [Test]
    public void Seated_means_holding_a_seat_now_or_having_finished_the_class() =>
        EnrolmentStatuses.Seated.ShouldBe([EnrolmentStatus.Confirmed, EnrolmentStatus.Completed, EnrolmentStatus.Failed], ignoreOrder: true);

    [Test]
    public void Upcoming_is_everyone_still_expecting_to_take_part() =>
        EnrolmentStatuses.Upcoming.ShouldBe([EnrolmentStatus.Confirmed, EnrolmentStatus.Waitlisted, EnrolmentStatus.AwaitingApproval], ignoreOrder: true);

    [Test]
    public void Enrolled_is_every_status_but_cancelled_and_includes_the_other_sets()
    {
        EnrolmentStatuses.Enrolled.ShouldBe(Enum.GetValues<EnrolmentStatus>().Where(s => s != EnrolmentStatus.Cancelled), ignoreOrder: true);
        EnrolmentStatuses.Seated.ShouldBeSubsetOf(EnrolmentStatuses.Enrolled);
        EnrolmentStatuses.Upcoming.ShouldBeSubsetOf(EnrolmentStatuses.Enrolled);
    }
}
