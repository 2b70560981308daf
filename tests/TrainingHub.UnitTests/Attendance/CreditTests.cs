using TrainingHub.Core.Attendance;

namespace TrainingHub.UnitTests.Attendance;

public class CreditTests
{
    [TestCase(AttendanceStatus.Present, null, 120, ExpectedResult = 120, TestName = "Present counts the whole session")]
    [TestCase(AttendanceStatus.Late, null, 120, ExpectedResult = 120, TestName = "Late counts the whole session unless minutes are recorded")]
    [TestCase(AttendanceStatus.Late, 90, 120, ExpectedResult = 90, TestName = "Late with minutes counts the minutes")]
    [TestCase(AttendanceStatus.Partial, 45, 120, ExpectedResult = 45, TestName = "Partial counts the minutes recorded")]
    [TestCase(AttendanceStatus.Partial, 500, 120, ExpectedResult = 120, TestName = "Never more than the session is worth")]
    [TestCase(AttendanceStatus.Partial, null, 120, ExpectedResult = 0, TestName = "Partial without minutes counts zero")]
    [TestCase(AttendanceStatus.Present, 500, 120, ExpectedResult = 120, TestName = "Present never counts more than the session")]
    [TestCase(AttendanceStatus.Excused, 120, 120, ExpectedResult = 0, TestName = "Excused absence is documented, not credited")]
    [TestCase(AttendanceStatus.Absent, null, 120, ExpectedResult = 0, TestName = "Absent counts zero")]
    public int Credited_minutes_follow_the_rules(AttendanceStatus status, int? minutes, int session) =>
        AttendanceRecord.Credit(status, minutes, session);
}
