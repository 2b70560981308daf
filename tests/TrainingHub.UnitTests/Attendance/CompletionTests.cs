using TrainingHub.Core.Attendance;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.UnitTests.Attendance;

/// <summary>A finished class's outcome: the course minimum of the held minutes and, where set, the required minutes.</summary>
public class CompletionTests
{
    [Test]
    public void Exactly_the_minimum_completes_and_the_reason_says_so()
    {
        var (status, reason) = EvaluateCompletion.Decide(creditedMinutes: 450, heldMinutes: 600, minAttendancePercent: 75, requiredMinutes: null);
        status.ShouldBe(EnrolmentStatus.Completed);
        reason.ToString().ShouldBe("attendance=75;min=75");
        reason.AttendanceMet.ShouldBeTrue();
    }

    [Test]
    public void One_minute_short_of_the_minimum_fails_and_the_percentage_is_rounded_down()
    {
        var (status, reason) = EvaluateCompletion.Decide(449, 600, 75, null);
        status.ShouldBe(EnrolmentStatus.Failed);
        reason.AttendancePercent.ShouldBe(74);
        reason.AttendanceMet.ShouldBeFalse();
    }

    [Test]
    public void Required_minutes_must_be_met_as_well_as_the_percentage()
    {
        var (status, reason) = EvaluateCompletion.Decide(500, 600, 75, requiredMinutes: 540);
        status.ShouldBe(EnrolmentStatus.Failed);
        reason.AttendanceMet.ShouldBeTrue();
        reason.MinutesMet.ShouldBeFalse();
        reason.ToString().ShouldBe("attendance=83;min=75;minutes=500;required=540");

        EvaluateCompletion.Decide(540, 600, 75, 540).Status.ShouldBe(EnrolmentStatus.Completed);
    }

    [Test]
    public void Nobody_attending_fails_with_zero_percent() =>
        EvaluateCompletion.Decide(0, 600, 75, null).ShouldBe((EnrolmentStatus.Failed, new CompletionReason(0, 75, 0, null) { AttendanceMet = false }));

    [Test]
    public void Large_classes_do_not_overflow()
    {
        var (status, reason) = EvaluateCompletion.Decide(30_000_000, 40_000_000, 75, null);
        status.ShouldBe(EnrolmentStatus.Completed);
        reason.AttendancePercent.ShouldBe(75);
    }

    [Test]
    public void A_class_with_no_held_minutes_has_no_outcome() =>
        Should.Throw<ArgumentOutOfRangeException>(() => EvaluateCompletion.Decide(0, 0, 75, null));

    [Test]
    public void The_stored_reason_reads_back_the_same()
    {
        var (_, reason) = EvaluateCompletion.Decide(500, 600, 75, 540);
        var back = CompletionReason.Parse(reason.ToString())!;
        back.ShouldBe(reason);
        back.AttendanceMet.ShouldBe(reason.AttendanceMet);
        CompletionReason.Parse("Cancelled by the administrator").ShouldBeNull();
    }
}
