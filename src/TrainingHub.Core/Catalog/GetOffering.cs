using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Core.Catalog;

public sealed record SessionRow(int Id, string Title, DateTime StartsAt, DateTime EndsAt, int CreditedMinutes, string? Place, string? StreamUrl, [property: JsonConverter(typeof(JsonStringEnumConverter))] SessionStatus Status)
{
    /// <summary>Seats of this date (a series registered by date); null means unlimited.</summary>
    public int? Seats { get; init; }

    /// <summary>Confirmed registrations for this date (a series registered by date).</summary>
    public int Registered { get; init; }
}

public sealed record EligibilityRow([property: JsonConverter(typeof(JsonStringEnumConverter))] OrganizationKind? Kind, int? OrganizationId, string? Organization, int? SeatQuota);

public sealed record OfferingDetail(
    int Id, bool IsClass, string Code, string Title, int? CourseId, string? Course, int? WorkloadMinutes, int? ProgrammeId, string? Programme,
    string? Description, string? ChannelUrl, DateOnly StartsOn, DateOnly EndsOn, int? Seats, int ConfirmedCount, string? Place,
    DateTime? EnrolmentOpensAt, DateTime? EnrolmentClosesAt, bool ApprovalRequired, [property: JsonConverter(typeof(JsonStringEnumConverter))] OfferingStatus Status, [property: JsonConverter(typeof(JsonStringEnumConverter))] Eligibility Eligibility,
    IReadOnlyList<(int Id, string Name)> Instructors, IReadOnlyList<EligibilityRow> Rules, IReadOnlyList<SessionRow> Sessions,
    int Waitlisted, int AwaitingApproval, int PeopleToNotify)
{
    /// <summary>A series whose people register for the whole series or chosen dates.</summary>
    public bool RegistrationByDate { get; init; }

    /// <summary>Series: what it is and its participation-certificate rule (<see cref="WebinarSeries.ParticipationRule"/>).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter))]
    public SeriesKind SeriesKind { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter))]
    public ParticipationRule ParticipationRule { get; init; }

    public int? ParticipationMinimum { get; init; }
    public int? ParticipationMinutes { get; init; }

    private static DateTime? Local(DateTime? utc) => utc is { } u ? SaoPaulo.ToLocal(u) : null;

    public ClassRequest ToClassRequest() =>
        new(CourseId, Code, Title, StartsOn, EndsOn, Seats, Place, Local(EnrolmentOpensAt), Local(EnrolmentClosesAt), ApprovalRequired, Status,
            Instructors.Select(i => i.Id).ToList(), Eligibility, Rules.Where(r => r.Kind is not null).Select(r => r.Kind!.Value).ToList(),
            Rules.Where(r => r.OrganizationId is not null).Select(r => new EligibleOrganization(r.OrganizationId, r.SeatQuota)).ToList());

    public SeriesRequest ToSeriesRequest() =>
        new(ProgrammeId, Code, Title, Description, ChannelUrl, StartsOn, EndsOn, Seats, Place, Local(EnrolmentOpensAt), Local(EnrolmentClosesAt), ApprovalRequired, Status,
            Instructors.Select(i => i.Id).ToList(), Eligibility, Rules.Where(r => r.Kind is not null).Select(r => r.Kind!.Value).ToList(),
            Rules.Where(r => r.OrganizationId is not null).Select(r => new EligibleOrganization(r.OrganizationId, r.SeatQuota)).ToList(), RegistrationByDate,
            SeriesKind, ParticipationRule, ParticipationMinimum, ParticipationMinutes is { } m ? (m / 60m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : null);
}

/// <summary>A class or webinar series the reader may see, with its sessions, instructors and eligibility; null when not found or out of scope.</summary>
public static class GetOffering
{
    public static async Task<OfferingDetail?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var o = await db.Offerings.AsNoTracking().InScope(scope).Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                IsClass = x is CourseClass,
                x.Code,
                x.Title,
                CourseId = x is CourseClass ? (int?)((CourseClass)x).CourseId : null,
                Course = x is CourseClass ? ((CourseClass)x).Course!.Title : null,
                Workload = x is CourseClass ? (int?)((CourseClass)x).Course!.WorkloadMinutes : null,
                x.ProgrammeId,
                Programme = x.Programme != null ? x.Programme.Name : null,
                Description = x is WebinarSeries ? ((WebinarSeries)x).Description : null,
                ChannelUrl = x is WebinarSeries ? ((WebinarSeries)x).ChannelUrl : null,
                ByDate = x is WebinarSeries && ((WebinarSeries)x).RegistrationByDate,
                SeriesKind = x is WebinarSeries ? ((WebinarSeries)x).SeriesKind : SeriesKind.Webinar,
                ParticipationRule = x is WebinarSeries ? ((WebinarSeries)x).ParticipationRule : ParticipationRule.None,
                ParticipationMinimum = x is WebinarSeries ? ((WebinarSeries)x).ParticipationMinimum : null,
                ParticipationMinutes = x is WebinarSeries ? ((WebinarSeries)x).ParticipationMinutes : null,
                x.StartsOn,
                x.EndsOn,
                x.Seats,
                x.ConfirmedCount,
                x.Place,
                x.EnrolmentOpensAt,
                x.EnrolmentClosesAt,
                x.ApprovalRequired,
                x.Status,
                x.Eligibility,
            })
            .SingleOrDefaultAsync(ct);
        if (o is null)
        {
            return null;
        }

        var instructors = await db.OfferingInstructors.AsNoTracking().Where(i => i.OfferingId == id)
            .OrderBy(i => i.Person!.NameKey).Select(i => new { i.PersonId, i.Person!.FullName }).ToListAsync(ct);
        var rules = await db.EligibilityRules.AsNoTracking().Where(r => r.OfferingId == id)
            .Select(r => new EligibilityRow(r.OrganizationKind, r.OrganizationId, r.Organization != null ? r.Organization.Name : null, r.SeatQuota))
            .ToListAsync(ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == id).OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Select(s => new SessionRow(s.Id, s.Title, s.StartsAt, s.EndsAt, s.CreditedMinutes, s.Place, s.StreamUrl, s.Status) { Seats = s.Seats, Registered = s.RegisteredCount })
            .ToListAsync(ct);
        var counts = await db.Enrolments.AsNoTracking().Where(e => e.OfferingId == id && (e.Status == EnrolmentStatus.Waitlisted || e.Status == EnrolmentStatus.AwaitingApproval))
            .GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new OfferingDetail(o.Id, o.IsClass, o.Code, o.Title, o.CourseId, o.Course, o.Workload, o.ProgrammeId, o.Programme, o.Description, o.ChannelUrl,
            o.StartsOn, o.EndsOn, o.Seats, o.ConfirmedCount, o.Place, o.EnrolmentOpensAt, o.EnrolmentClosesAt, o.ApprovalRequired, o.Status, o.Eligibility,
            instructors.Select(i => (i.PersonId, i.FullName)).ToList(),
            rules.OrderBy(r => r.Kind).ThenBy(r => r.Organization, StringComparer.CurrentCulture).ToList(),
            sessions,
            counts.Where(c => c.Key == EnrolmentStatus.Waitlisted).Sum(c => c.Count),
            counts.Where(c => c.Key == EnrolmentStatus.AwaitingApproval).Sum(c => c.Count),
            await CancellationNotices.Recipients(db, id).CountAsync(ct))
        { RegistrationByDate = o.ByDate, SeriesKind = o.SeriesKind, ParticipationRule = o.ParticipationRule, ParticipationMinimum = o.ParticipationMinimum, ParticipationMinutes = o.ParticipationMinutes };
    }
}
