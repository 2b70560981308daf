using TrainingHub.Core.Catalog;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Attendance;

public enum AttendanceStatus
{
    Present,
    Late,
    Partial,
    Excused,
    Absent,
}

public enum AttendanceSource
{
    Roster,
    CheckIn,
    Import,
}

/// <summary>One person at one session. Unique per person and session.</summary>
public class AttendanceRecord
{
    public long Id { get; set; }
    public int SessionId { get; set; }
    public Session? Session { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public AttendanceStatus Status { get; set; }

    /// <summary>Minutes attended, when recorded (always for Partial).</summary>
    public int? Minutes { get; set; }

    public AttendanceSource Source { get; set; }
    public string? RecordedByUserId { get; set; }
    public DateTime RecordedAt { get; set; }
    public string? Note { get; set; }

    /// <summary>When the person checked in with the arrival code of a live check-in window (null: never).</summary>
    public DateTime? CheckedInAt { get; set; }

    /// <summary>When the person confirmed presence with the second ("confirm presence") code near the end (null: never).</summary>
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>
    /// Credited minutes by the rules: present and late count in full unless minutes are recorded; partial counts
    /// the minutes recorded; excused and absent count zero. Never more than the session's credited duration.
    /// </summary>
    public static int Credit(AttendanceStatus status, int? minutes, int sessionCreditedMinutes) => status switch
    {
        AttendanceStatus.Present or AttendanceStatus.Late => Math.Min(minutes ?? sessionCreditedMinutes, sessionCreditedMinutes),
        AttendanceStatus.Partial => Math.Min(minutes ?? 0, sessionCreditedMinutes),
        _ => 0,
    };
}
