using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

public sealed record MyEnrolmentRow(int Id, int OfferingId, string Title, bool IsWebinar, DateOnly StartsOn, DateOnly EndsOn, EnrolmentStatus Status,
    int? WaitlistRank, DateTime? OfferExpiresAt, DateTime RequestedAt, string? Reason, bool CanCancel);

/// <summary>Everything the trainee is or was enrolled in, newest first, with waitlist places and pending offers.</summary>
public static class ListMyEnrolments
{
    public static async Task<IReadOnlyList<MyEnrolmentRow>> HandleAsync(TrainingHubDbContext db, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Enrolments.AsNoTracking().Where(e => e.PersonId == personId)
            .OrderByDescending(e => e.Offering!.StartsOn)
            .Select(e => new
            {
                e.Id,
                e.OfferingId,
                e.Offering!.Title,
                IsWebinar = e.Offering is Catalog.WebinarSeries,
                e.Offering.StartsOn,
                e.Offering.EndsOn,
                e.Status,
                Rank = e.Status == EnrolmentStatus.Waitlisted
                    ? db.Enrolments.Count(x => x.OfferingId == e.OfferingId && x.Status == EnrolmentStatus.Waitlisted && x.WaitlistPosition < e.WaitlistPosition) + 1
                    : (int?)null,
                e.OfferExpiresAt,
                e.RequestedAt,
                Reason = e.DecisionReason ?? e.OutcomeReason,
            })
            .ToListAsync(ct);
        return rows.Select(r => new MyEnrolmentRow(r.Id, r.OfferingId, r.Title, r.IsWebinar, r.StartsOn, r.EndsOn, r.Status, r.Rank, r.OfferExpiresAt, r.RequestedAt, r.Reason,
            r.Status is EnrolmentStatus.Confirmed or EnrolmentStatus.Waitlisted or EnrolmentStatus.AwaitingApproval or EnrolmentStatus.Requested)).ToList();
    }
}
