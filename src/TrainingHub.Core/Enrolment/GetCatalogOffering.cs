using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

public sealed record CatalogSession(int Id, string Title, DateTime StartsAt, DateTime EndsAt, int CreditedMinutes, string? Place, bool Online, SessionStatus Status);

public sealed record SessionClash(string Session, DateTime StartsAt, string OtherOffering, string OtherSession);

public sealed record CatalogOfferingModel(
    int Id, string Code, string Title, bool IsWebinar, string? Programme, string? CourseTitle, string? Syllabus, string? Description, Modality Modality,
    DateOnly StartsOn, DateOnly EndsOn, int WorkloadMinutes, int MinAttendancePercent, int? Seats, int? SeatsLeft, bool ApprovalRequired,
    DateTime? EnrolmentOpensAt, DateTime? EnrolmentClosesAt, string? Place, IReadOnlyList<string> Instructors, IReadOnlyList<CatalogSession> Sessions,
    int? MyEnrolmentId, EnrolmentStatus? MyStatus, int? MyWaitlistRank, DateTime? MyOfferExpiresAt, string? WhyNot, IReadOnlyList<SessionClash> Clashes)
{
    /// <summary>A series registered by date: the person chooses the whole series or some dates.</summary>
    public bool ByDate { get; init; }

    /// <summary>The dates to choose from, with the person's place in each (a series registered by date).</summary>
    public IReadOnlyList<SessionChoice> Dates { get; init; } = [];

    /// <summary>The person registered for the whole series (rather than chosen dates).</summary>
    public bool WholeSeries { get; init; }
}

/// <summary>
/// The page of one class or series for a trainee: schedule, workload, syllabus, instructors, seats left, their own
/// status, why they cannot enrol (if so), and sessions that clash with their other enrolments.
/// </summary>
public static class GetCatalogueOffering
{
    public static async Task<CatalogOfferingModel?> HandleAsync(TrainingHubDbContext db, int personId, TimeProvider time, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var facts = await EligibilityCheck.FactsAsync(db, personId, ct);
        var offering = await db.Offerings.AsNoTracking().Include(o => o.EligibilityRules).FirstOrDefaultAsync(o => o.Id == offeringId && o.Status != OfferingStatus.Draft, ct);
        if (facts is null || offering is null)
        {
            return null;
        }

        var mine = await db.Enrolments.AsNoTracking().FirstOrDefaultAsync(e => e.OfferingId == offeringId && e.PersonId == personId, ct);
        var whyNot = await EligibilityCheck.WhyNotAsync(db, offering, facts, ct);
        if (whyNot is not null && mine is null)
        {
            // Not eligible and not enrolled: the offering does not exist for this person.
            return null;
        }

        var course = offering is CourseClass c ? await db.Courses.AsNoTracking().SingleAsync(x => x.Id == c.CourseId, ct) : null;
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == offeringId).OrderBy(s => s.StartsAt)
            .Select(s => new CatalogSession(s.Id, s.Title, s.StartsAt, s.EndsAt, s.CreditedMinutes, s.Place, s.StreamUrl != null, s.Status)).ToListAsync(ct);
        var instructors = await db.OfferingInstructors.AsNoTracking().Where(i => i.OfferingId == offeringId).Select(i => i.Person!.FullName).OrderBy(n => n).ToListAsync(ct);
        var programme = offering.ProgrammeId is { } pid ? await db.Programmes.AsNoTracking().Where(p => p.Id == pid).Select(p => p.Name).SingleAsync(ct) : null;
        var clashes = await ClashesAsync(db, personId, offeringId, sessions, ct);
        var workload = course?.WorkloadMinutes ?? sessions.Where(s => s.Status != SessionStatus.Cancelled).Sum(s => s.CreditedMinutes);
        var byDate = offering is WebinarSeries { RegistrationByDate: true };
        var dates = byDate ? await ChooseSessions.ListAsync(db, offeringId, personId, time.GetUtcNow().UtcDateTime, ct) : [];
        var enrolled = mine is not null && mine.Status != EnrolmentStatus.Cancelled;
        return new CatalogOfferingModel(
            offering.Id, offering.Code, offering.Title, offering is WebinarSeries, programme, course?.Title, course?.Syllabus, (offering as WebinarSeries)?.Description,
            course?.Modality ?? Modality.Online, offering.StartsOn, offering.EndsOn, workload, course?.MinAttendancePercent ?? 75,
            offering.Seats, offering.Seats is { } seats ? Math.Max(0, seats - offering.ConfirmedCount) : null, offering.ApprovalRequired,
            offering.EnrolmentOpensAt, offering.EnrolmentClosesAt, offering.Place, instructors, sessions,
            mine?.Id, mine?.Status, mine is null ? null : await WaitlistRank.OfAsync(db, mine, ct), mine?.OfferExpiresAt,
            whyNot ?? EnrolInOffering.WhyClosed(offering, time.GetUtcNow().UtcDateTime, SaoPaulo.Today(time)), clashes)
        {
            ByDate = byDate,
            Dates = dates,
            WholeSeries = enrolled && !mine!.ChosenSessions,
        };
    }

    /// <summary>Sessions of this offering that overlap sessions of the person's other live enrolments.</summary>
    private static async Task<IReadOnlyList<SessionClash>> ClashesAsync(TrainingHubDbContext db, int personId, int offeringId, IReadOnlyList<CatalogSession> sessions, CancellationToken ct)
    {
        var upcoming = sessions.Where(s => s.Status == SessionStatus.Scheduled).ToList();
        if (upcoming.Count == 0)
        {
            return [];
        }

        var from = upcoming.Min(s => s.StartsAt);
        var to = upcoming.Max(s => s.EndsAt);
        var live = EnrolmentStatuses.Upcoming;
        var others = await db.Sessions.AsNoTracking()
            .Where(s => s.OfferingId != offeringId && s.Status == SessionStatus.Scheduled && s.StartsAt < to && s.EndsAt > from
                && db.Enrolments.Any(e => e.OfferingId == s.OfferingId && e.PersonId == personId && live.Contains(e.Status)))
            .Select(s => new { s.StartsAt, s.EndsAt, s.Title, Offering = s.Offering!.Title })
            .ToListAsync(ct);
        return upcoming.SelectMany(s => others.Where(o => o.StartsAt < s.EndsAt && o.EndsAt > s.StartsAt)
            .Select(o => new SessionClash(s.Title, s.StartsAt, o.Offering, o.Title))).ToList();
    }
}
