using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

/// <summary>Gives a freed seat to the first person on the waitlist (first come, first served), directly or as a timed offer.</summary>
internal static class Promotion
{
    /// <summary>Call with the offering locked, after a seat was released. Returns the promoted enrolment, if any.</summary>
    public static async Task<Enrolment?> PromoteNextAsync(TrainingHubDbContext db, Catalog.Offering offering, EnrolmentOptions options, DateTime now, CancellationToken ct)
    {
        var waiting = await db.Enrolments
            .Where(e => e.OfferingId == offering.Id && e.Status == EnrolmentStatus.Waitlisted && e.OfferExpiresAt == null)
            .OrderBy(e => e.WaitlistPosition)
            .Select(e => new { e.Id, e.Person!.OrganizationId })
            .ToListAsync(ct);
        foreach (var candidate in waiting)
        {
            if (await Seats.QuotaFullAsync(db, offering, candidate.OrganizationId, ct))
            {
                continue;
            }

            if (!await Seats.TryTakeAsync(db, offering.Id, ct))
            {
                return null;
            }

            var e = await db.Enrolments.SingleAsync(x => x.Id == candidate.Id, ct);
            e.Version++;
            if (options.PromotionMode == PromotionMode.Offer)
            {
                e.OfferExpiresAt = now.AddHours(options.OfferHours);
            }
            else
            {
                e.Status = EnrolmentStatus.Confirmed;
                e.WaitlistPosition = null;
                e.ConfirmedAt = now;
            }

            return e;
        }

        return null;
    }

    public static EnrolmentMessage MessageFor(Enrolment promoted) =>
        promoted.Status == EnrolmentStatus.Confirmed ? EnrolmentMessages.Promoted : EnrolmentMessages.SeatOffered;
}
