namespace TrainingHub.Core.Attendance;

/// <summary>
/// Credited minutes of one person in one offering in one local (America/Sao_Paulo) month: the sum of
/// <see cref="CreditedAttendance"/> over that person's attendance rows in the offering's sessions starting that month,
/// cancelled sessions excluded. Maintained by database triggers on <c>AttendanceRecords</c> and <c>Sessions</c> (see the
/// migration that creates the table), so every write path keeps it in step, bulk seeding and imports included; the
/// application never writes it. Keyed by person, not organisation or session, so concurrent check-ins into one session
/// each touch their own row and moving a person to another organisation changes nothing here.
/// </summary>
public class CreditedMonth
{
    public int PersonId { get; set; }
    public int OfferingId { get; set; }

    /// <summary>The local month as yyyyMM (202603 for March 2026).</summary>
    public int Month { get; set; }

    public int Minutes { get; set; }

    /// <summary>How many attendance rows are summed (absences count, crediting zero); a row at 0 is no longer in use.</summary>
    public int Rows { get; set; }
}
