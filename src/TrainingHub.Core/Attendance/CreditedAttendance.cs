using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

/// <summary>One attendance row with the minutes it credits, computed in the database by the same rule as <see cref="AttendanceRecord.Credit"/>.</summary>
public sealed class CreditedAttendance
{
    public int PersonId { get; init; }
    public int SessionId { get; init; }
    public int OfferingId { get; init; }
    public DateTime SessionStartsAt { get; init; }
    public int SessionMinutes { get; init; }
    public int CreditedMinutes { get; init; }

    public static IQueryable<CreditedAttendance> Query(TrainingHubDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from a in db.AttendanceRecords
               join s in db.Sessions on a.SessionId equals s.Id
               where s.Status != Catalog.SessionStatus.Cancelled
               select new CreditedAttendance
               {
                   PersonId = a.PersonId,
                   SessionId = s.Id,
                   OfferingId = s.OfferingId,
                   SessionStartsAt = s.StartsAt,
                   SessionMinutes = s.CreditedMinutes,
                   CreditedMinutes =
                       a.Status == AttendanceStatus.Present || a.Status == AttendanceStatus.Late
                           ? (a.Minutes != null && a.Minutes < s.CreditedMinutes ? a.Minutes.Value : s.CreditedMinutes)
                           : a.Status == AttendanceStatus.Partial
                               ? (a.Minutes != null && a.Minutes < s.CreditedMinutes ? a.Minutes.Value : (a.Minutes != null ? s.CreditedMinutes : 0))
                               : 0,
               };
    }
}
