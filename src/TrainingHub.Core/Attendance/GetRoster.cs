using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Attendance;

public sealed record RosterRow(int PersonId, string FullName, string Cpf, string Organization, EnrolmentStatus Enrolment,
    AttendanceStatus? Status, int? Minutes, int CreditedMinutes, int ClassCreditedMinutes, DateTime? CheckedInAt = null, DateTime? ConfirmedAt = null)
{
    /// <summary>Active at-risk flags of the person's enrolment in this class.</summary>
    public IReadOnlyList<AtRiskCondition> AtRisk { get; init; } = [];

    /// <summary>In a series registered by date: checked in without being registered for this date.</summary>
    public bool WalkIn { get; init; }
}

/// <summary>The class so far: held (closed) sessions, their minutes, and the share of them the seated people attended.</summary>
public sealed record RosterClassSummary(int HeldSessions, int PlannedSessions, int HeldMinutes, int Seated, int CreditedMinutes, int AttendancePercent, int Completed, int Failed);

public sealed record RosterModel(int SessionId, string Title, int OfferingId, string Offering, bool IsWebinar, DateTime StartsAt, DateTime EndsAt,
    int SessionMinutes, SessionStatus Status, DateTime? ClosedAt, IReadOnlyList<RosterRow> Rows, RosterClassSummary Summary)
{
    /// <summary>An open event's session (<see cref="Session.OpenEvent"/>): guests may check in without an account.</summary>
    public bool OpenEvent { get; init; }

    /// <summary>Walk-ins without a seat in the offering (guests of an open event): their check-ins, read-only here.</summary>
    public IReadOnlyList<RosterGuest> Guests { get; init; } = [];
}

/// <summary>Someone who checked in without holding a seat in the offering (a guest of an open event).</summary>
public sealed record RosterGuest(int PersonId, string FullName, string Cpf, string Organization, AttendanceStatus Status, int? Minutes, DateTime? CheckedInAt, DateTime? ConfirmedAt);

/// <summary>
/// A session's roster: everyone holding a seat in its offering, with what was recorded for them. In a series registered
/// by date: those registered for this date, and the walk-ins who checked in without registering for it. Below them, the
/// guests who checked in without a seat at all (an open event's walk-ins).
/// </summary>
public static class GetRoster
{
    public static async Task<RosterModel?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!await RosterAccess.MayRecordAsync(db, scope, sessionId, ct))
        {
            return null;
        }

        var s = await db.Sessions.AsNoTracking().Where(x => x.Id == sessionId)
            .Select(x => new { x.Id, x.Title, x.OfferingId, x.OpenEvent, Offering = x.Offering!.Title, IsWebinar = x.Offering is WebinarSeries, ByDate = x.Offering is WebinarSeries && ((WebinarSeries)x.Offering).RegistrationByDate, x.StartsAt, x.EndsAt, x.CreditedMinutes, x.Status, x.ClosedAt })
            .SingleAsync(ct);
        var expected = SessionRegistrations.ExpectedPeople(db, sessionId);
        var attended = db.AttendanceRecords.Where(a => a.SessionId == sessionId).Select(a => a.PersonId);
        var seated = EnrolmentStatuses.Seated;
        var credited = CreditedAttendance.Query(db);
        var closedInClass = db.Sessions.Where(x => x.OfferingId == s.OfferingId && x.Status == SessionStatus.Closed).Select(x => x.Id);
        var people = await db.Enrolments.AsNoTracking()
            .Where(e => e.OfferingId == s.OfferingId && seated.Contains(e.Status))
            .Where(e => !s.ByDate || expected.Contains(e.PersonId) || attended.Contains(e.PersonId))
            .OrderBy(e => e.Person!.FullName).ThenBy(e => e.PersonId)
            .Select(e => new
            {
                e.PersonId,
                e.Person!.FullName,
                e.Person.Cpf,
                Organization = e.Person.Organization!.Name,
                OrganizationPath = e.Person.Organization.Path,
                e.Status,
                WalkIn = s.ByDate && !expected.Contains(e.PersonId),
                Record = db.AttendanceRecords.Where(a => a.SessionId == sessionId && a.PersonId == e.PersonId).Select(a => new { a.Status, a.Minutes, a.CheckedInAt, a.ConfirmedAt }).FirstOrDefault(),
                Credited = credited.Where(c => c.SessionId == sessionId && c.PersonId == e.PersonId).Sum(c => c.CreditedMinutes),
                ClassCredited = credited.Where(c => c.PersonId == e.PersonId && closedInClass.Contains(c.SessionId)).Sum(c => c.CreditedMinutes),
            })
            .ToListAsync(ct);
        var flags = await ListAtRisk.ForOfferingAsync(db, s.OfferingId, ct);
        var rows = people.Select(p => new RosterRow(p.PersonId, p.FullName, scope.ShowCpf(p.Cpf, p.OrganizationPath), p.Organization, p.Status,
            p.Record?.Status, p.Record?.Minutes, p.Credited, p.ClassCredited, p.Record?.CheckedInAt, p.Record?.ConfirmedAt)
        { AtRisk = flags.TryGetValue(p.PersonId, out var f) ? f : [], WalkIn = p.WalkIn }).ToList();

        var guests = await db.AttendanceRecords.AsNoTracking()
            .Where(a => a.SessionId == sessionId && !db.Enrolments.Any(e => e.OfferingId == s.OfferingId && e.PersonId == a.PersonId && seated.Contains(e.Status)))
            .OrderBy(a => a.Person!.FullName).ThenBy(a => a.PersonId)
            .Select(a => new { a.PersonId, a.Person!.FullName, a.Person.Cpf, Organization = a.Person.Organization!.Name, OrganizationPath = a.Person.Organization.Path, a.Status, a.Minutes, a.CheckedInAt, a.ConfirmedAt })
            .ToListAsync(ct);

        var sessions = await db.Sessions.AsNoTracking().Where(x => x.OfferingId == s.OfferingId && x.Status != SessionStatus.Cancelled)
            .Select(x => new { x.Status, x.CreditedMinutes }).ToListAsync(ct);
        var held = sessions.Where(x => x.Status == SessionStatus.Closed).ToList();
        var heldMinutes = held.Sum(x => x.CreditedMinutes);
        var classCredited = rows.Sum(r => r.ClassCreditedMinutes);
        var possible = (long)heldMinutes * rows.Count;
        var summary = new RosterClassSummary(held.Count, sessions.Count, heldMinutes, rows.Count, classCredited,
            possible == 0 ? 0 : (int)(classCredited * 100L / possible),
            rows.Count(r => r.Enrolment == EnrolmentStatus.Completed), rows.Count(r => r.Enrolment == EnrolmentStatus.Failed));
        return new RosterModel(s.Id, s.Title, s.OfferingId, s.Offering, s.IsWebinar, s.StartsAt, s.EndsAt, s.CreditedMinutes, s.Status, s.ClosedAt, rows, summary)
        {
            OpenEvent = s.OpenEvent,
            Guests = guests.Select(g => new RosterGuest(g.PersonId, g.FullName, scope.ShowCpf(g.Cpf, g.OrganizationPath), g.Organization, g.Status, g.Minutes, g.CheckedInAt, g.ConfirmedAt)).ToList(),
        };
    }
}
