namespace TrainingHub.Core.Attendance;

/// <summary>
/// The future cannot be recorded. Attendance of a session can be recorded from an hour before it starts (when the
/// default check-in can open too: people arrive early); a session can be closed, which says it was held and may
/// decide completion, from half an hour before it ends; certificates of a class are issued only once its last session
/// has ended. The one place these tolerances are written.
/// </summary>
public static class AttendanceTiming
{
    public const int RecordBeforeStartMinutes = 60;
    public const int CloseBeforeEndMinutes = 30;

    public static bool MayRecord(DateTime startsAt, DateTime now) => now >= startsAt.AddMinutes(-RecordBeforeStartMinutes);

    public static bool MayClose(DateTime endsAt, DateTime now) => now >= endsAt.AddMinutes(-CloseBeforeEndMinutes);
}
