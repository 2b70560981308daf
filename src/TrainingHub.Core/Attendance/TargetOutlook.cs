using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Attendance;

/// <summary>Where a person stands against a programme's yearly target: reached, on track with the sessions they hold a seat in, or short even with them.</summary>
public enum TargetStatus
{
    Met,
    OnTrack,
    WillMiss,
}

/// <summary>Minutes a person is booked for in one programme: future sessions of the year where they hold a seat (a confirmed date, in a series registered by date).</summary>
public sealed class BookedMinutes
{
    public int PersonId { get; init; }
    public int ProgrammeId { get; init; }
    public int Minutes { get; init; }
}

/// <summary>
/// The yearly target as a commitment: hours credited so far this year (the one rule, <see cref="CreditedAttendance"/>)
/// plus the credited minutes of the year's sessions still to come in which the person holds a seat. Whoever would stay
/// under the target even attending all of them "will miss" it.
/// </summary>
public static class TargetOutlook
{
    public static TargetStatus StatusOf(int targetMinutes, int creditedMinutes, int bookedMinutes) =>
        creditedMinutes >= targetMinutes ? TargetStatus.Met
        : creditedMinutes + bookedMinutes >= targetMinutes ? TargetStatus.OnTrack
        : TargetStatus.WillMiss;

    /// <summary>Booked minutes per person and programme, for sessions starting after <paramref name="now"/> and before <paramref name="yearEnd"/>.</summary>
    public static IQueryable<BookedMinutes> Booked(TrainingHubDbContext db, DateTime now, DateTime yearEnd)
    {
        ArgumentNullException.ThrowIfNull(db);
        var seated = EnrolmentStatuses.Seated;
        return from e in db.Enrolments
               where seated.Contains(e.Status) && e.Offering!.ProgrammeId != null
               join s in db.Sessions on e.OfferingId equals s.OfferingId
               where s.Status != SessionStatus.Cancelled && s.StartsAt > now && s.StartsAt < yearEnd
                   && (!(e.Offering is WebinarSeries) || !((WebinarSeries)e.Offering).RegistrationByDate
                       || db.SessionRegistrations.Any(r => r.SessionId == s.Id && r.PersonId == e.PersonId && r.Status == SessionRegistrationStatus.Confirmed))
               group s.CreditedMinutes by new { e.PersonId, ProgrammeId = e.Offering!.ProgrammeId!.Value } into g
               select new BookedMinutes { PersonId = g.Key.PersonId, ProgrammeId = g.Key.ProgrammeId, Minutes = g.Sum() };
    }
}
