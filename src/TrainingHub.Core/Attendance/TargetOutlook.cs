using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Home;

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

/// <summary>One person of a programme against its target this year, with what the lists and the digests need about them.</summary>
public sealed record PersonOutlook(int PersonId, string FullName, string NameKey, string Cpf, int OrganizationId, string Organization, string Path,
    int? ManagerId, int CreditedMinutes, int BookedMinutes, TargetStatus Status);

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

    /// <summary>
    /// Every person of a programme this year: its members and everyone holding a seat in its offerings that end this
    /// year or later (anonymised people left out), with credited and booked minutes and their status.
    /// </summary>
    public static async Task<IReadOnlyList<PersonOutlook>> PeopleAsync(TrainingHubDbContext db, TimeProvider time, int programmeId, int targetMinutes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var today = SaoPaulo.Today(time);
        var (yearFrom, yearTo) = Years.Bounds(today.Year);
        var seated = EnrolmentStatuses.Seated;
        var members = db.ProgrammeMembers.Where(m => m.ProgrammeId == programmeId).Select(m => m.PersonId);
        var enrolled = db.Enrolments.Where(e => seated.Contains(e.Status) && e.Offering!.ProgrammeId == programmeId && e.Offering.EndsOn >= new DateOnly(today.Year, 1, 1))
            .Select(e => e.PersonId);
        var people = await db.People.AsNoTracking().Where(p => p.AnonymizedAt == null && (members.Contains(p.Id) || enrolled.Contains(p.Id)))
            .Select(p => new { p.Id, p.FullName, p.NameKey, p.Cpf, p.OrganizationId, Organization = p.Organization!.Name, p.Organization.Path, p.ManagerId })
            .ToListAsync(ct);
        var credited = await (from c in CreditedAttendance.Query(db)
                              where c.SessionStartsAt >= yearFrom && c.SessionStartsAt < yearTo
                              join o in db.Offerings on c.OfferingId equals o.Id
                              where o.ProgrammeId == programmeId
                              group c.CreditedMinutes by c.PersonId into g
                              select new { PersonId = g.Key, Minutes = g.Sum() }).ToDictionaryAsync(x => x.PersonId, x => x.Minutes, ct);
        var booked = await Booked(db, now, yearTo).Where(b => b.ProgrammeId == programmeId).ToDictionaryAsync(b => b.PersonId, b => b.Minutes, ct);
        return people.Select(p =>
        {
            var c = credited.GetValueOrDefault(p.Id);
            var b = booked.GetValueOrDefault(p.Id);
            return new PersonOutlook(p.Id, p.FullName, p.NameKey, p.Cpf, p.OrganizationId, p.Organization, p.Path, p.ManagerId, c, b, StatusOf(targetMinutes, c, b));
        }).ToList();
    }
}
