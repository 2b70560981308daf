using TrainingHub.Core.Attendance;

namespace TrainingHub.UnitTests.Attendance;

/// <summary>When a confirmed enrolment is at risk: it can no longer reach the minimum, or it missed two sessions in a row.</summary>
public class AtRiskTests
{
    /// <summary>Four two-hour sessions (ids 1–4): the first <paramref name="held"/> closed, with the person's records in order.</summary>
    private static List<AtRiskSession> Class(int held, params AttendanceStatus?[] records) =>
        Enumerable.Range(1, 4).Select(id =>
        {
            var record = id <= records.Length ? records[id - 1] : null;
            var credited = record is { } r ? AttendanceRecord.Credit(r, null, 120) : 0;
            return new AtRiskSession(id, id <= held, 120, record, credited);
        }).ToList();

    [Test]
    public void Attending_everything_so_far_is_not_at_risk() =>
        EvaluateAtRisk.Assess(Class(2, AttendanceStatus.Present, AttendanceStatus.Late), 75, null).ShouldBeEmpty();

    [Test]
    public void One_absence_in_four_still_reaches_75_percent() =>
        EvaluateAtRisk.Assess(Class(1, AttendanceStatus.Absent), 75, null).ShouldBeEmpty();

    [Test]
    public void Two_absences_in_a_row_are_named_by_their_sessions_and_make_the_minimum_unreachable()
    {
        var holds = EvaluateAtRisk.Assess(Class(2, AttendanceStatus.Absent, AttendanceStatus.Absent), 75, null);
        holds[AtRiskCondition.ConsecutiveAbsences].ShouldBe("sessions=1,2");
        holds[AtRiskCondition.CannotReachMinimum].ShouldBe("possible=240;needed=360;planned=480;min=75");
    }

    [Test]
    public void A_closed_session_without_a_record_counts_as_missed() =>
        EvaluateAtRisk.Assess(Class(3, AttendanceStatus.Present, null, AttendanceStatus.Absent), 50, null)
            .ShouldBe(new Dictionary<AtRiskCondition, string> { [AtRiskCondition.ConsecutiveAbsences] = "sessions=2,3" });

    [Test]
    public void An_excused_absence_breaks_a_run_of_absences_but_credits_nothing()
    {
        var holds = EvaluateAtRisk.Assess(Class(3, AttendanceStatus.Absent, AttendanceStatus.Excused, AttendanceStatus.Absent), 25, null);
        holds.ShouldNotContainKey(AtRiskCondition.ConsecutiveAbsences);
        holds.ShouldNotContainKey(AtRiskCondition.CannotReachMinimum, "120 possible of 480 is exactly 25 %");
        EvaluateAtRisk.Assess(Class(3, AttendanceStatus.Absent, AttendanceStatus.Excused, AttendanceStatus.Absent), 26, null)
            .ShouldContainKey(AtRiskCondition.CannotReachMinimum);
    }

    [Test]
    public void Sessions_not_yet_held_count_as_possible_and_required_minutes_are_a_floor()
    {
        EvaluateAtRisk.Assess(Class(0), 75, requiredMinutes: 480).ShouldBeEmpty();
        EvaluateAtRisk.Assess(Class(1, AttendanceStatus.Partial), 10, requiredMinutes: 480)[AtRiskCondition.CannotReachMinimum]
            .ShouldBe("possible=360;needed=480;planned=480;min=10");
    }

    [Test]
    public void Partial_attendance_credits_only_its_minutes()
    {
        var sessions = Class(2, AttendanceStatus.Present, AttendanceStatus.Partial);
        sessions[1] = sessions[1] with { Credited = 30 };
        EvaluateAtRisk.Assess(sessions, 75, null).ShouldBeEmpty("390 possible of 480 is more than 75 %");
        EvaluateAtRisk.Assess(sessions, 85, null)[AtRiskCondition.CannotReachMinimum].ShouldBe("possible=390;needed=408;planned=480;min=85");
    }

    [Test]
    public void A_class_without_planned_minutes_is_never_at_risk() =>
        EvaluateAtRisk.Assess([new AtRiskSession(1, true, 0, AttendanceStatus.Absent, 0)], 75, null).ShouldBeEmpty();
}
