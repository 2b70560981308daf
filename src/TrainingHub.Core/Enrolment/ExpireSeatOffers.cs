using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

/// <summary>
/// Background work: an offer not taken in time lapses (the person leaves the waitlist, and is told) and the seat
/// passes to the next person. Idempotent and safe on several instances: each offering is locked while it is handled,
/// and only offers still expired under the lock are touched.
/// </summary>
public static class ExpireSeatOffers
{
    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, IOptions<EnrolmentOptions> options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        var now = time.GetUtcNow().UtcDateTime;
        await RemindAsync(db, now, ct);
        var offerings = await db.Enrolments.Where(e => e.Status == EnrolmentStatus.Waitlisted && e.OfferExpiresAt <= now)
            .Select(e => e.OfferingId).Distinct().ToListAsync(ct);
        var expired = 0;
        foreach (var offeringId in offerings)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await Seats.LockAsync(db, offeringId, ct);
            var lapsed = await db.Enrolments.Where(e => e.OfferingId == offeringId && e.Status == EnrolmentStatus.Waitlisted && e.OfferExpiresAt <= now).ToListAsync(ct);
            var offering = await db.Offerings.AsNoTracking().Include(o => o.EligibilityRules).SingleAsync(o => o.Id == offeringId, ct);
            var changed = new List<(Enrolment Enrolment, EnrolmentMessage Message)>();
            foreach (var e in lapsed)
            {
                e.Status = EnrolmentStatus.Cancelled;
                e.WaitlistPosition = null;
                e.OfferExpiresAt = null;
                e.OutcomeReason = "Seat offer expired";
                e.Version++;
                changed.Add((e, EnrolmentMessages.SeatOfferExpired));
                await Seats.ReleaseAsync(db, offeringId, ct);
                if (await Promotion.PromoteNextAsync(db, offering, options.Value, now, ct) is { } next)
                {
                    changed.Add((next, Promotion.MessageFor(next)));
                }

                // Saved one by one: the next promotion must see this one.
                await db.SaveChangesAsync(ct);
            }

            foreach (var (e, message) in changed)
            {
                await EnrolmentMessages.QueueAsync(db, e, message, now, ct);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            expired += lapsed.Count;
            db.ChangeTracker.Clear();
        }

        return expired;
    }

    /// <summary>Tells people whose offer lapses within <see cref="ReminderWindow"/>, once per offer (the key carries the enrolment's version).</summary>
    private static async Task RemindAsync(TrainingHubDbContext db, DateTime now, CancellationToken ct)
    {
        var soon = now + ReminderWindow;
        var expiring = await db.Enrolments.AsNoTracking()
            .Where(e => e.Status == EnrolmentStatus.Waitlisted && e.OfferExpiresAt > now && e.OfferExpiresAt <= soon)
            .ToListAsync(ct);
        foreach (var e in expiring)
        {
            await EnrolmentMessages.QueueAsync(db, e, EnrolmentMessages.SeatOfferExpiring, now, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance queued the same reminders first: the unique key kept them single.
            db.ChangeTracker.Clear();
        }
    }

    public static readonly TimeSpan ReminderWindow = TimeSpan.FromHours(12);
}
