using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

/// <summary>
/// Cancels an enrolment (the trainee's own, or by an administrator who sees it: <see cref="ParticipantScope"/>). A seat it held goes to the next
/// person on the waitlist in the same transaction. Cancelling twice changes nothing the second time.
/// </summary>
public static class CancelEnrolment
{
    public static async Task<Result<EnrolmentStatus>> HandleAsync(TrainingHubDbContext db, ReaderScope actor, TimeProvider time, IOptions<EnrolmentOptions> options, int enrolmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(options);
        var target = await db.Enrolments.AsNoTracking().Where(e => e.Id == enrolmentId).Select(e => new { e.OfferingId, e.PersonId }).FirstOrDefaultAsync(ct);
        if (target is null || (target.PersonId != actor.PersonId
            && !(actor.IsAdministrator && await db.Enrolments.SeenBy(actor).AnyAsync(e => e.Id == enrolmentId, ct))))
        {
            return Error.NotFound("EnrolmentId", "Enrolment.NotFound");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Seats.LockAsync(db, target.OfferingId, ct);
        var e = await db.Enrolments.SingleAsync(x => x.Id == enrolmentId, ct);
        if (e.Status == EnrolmentStatus.Cancelled)
        {
            return Result<EnrolmentStatus>.Ok(e.Status);
        }

        if (e.Status is EnrolmentStatus.Completed or EnrolmentStatus.Failed)
        {
            return Error.Conflict("EnrolmentId", "Enrolment.AlreadyFinished");
        }

        var heldSeat = e.Status == EnrolmentStatus.Confirmed || e.OfferExpiresAt is not null;
        var now = time.GetUtcNow().UtcDateTime;
        e.Status = EnrolmentStatus.Cancelled;
        e.WaitlistPosition = null;
        e.OfferExpiresAt = null;
        e.DecidedAt = now;
        e.DecidedByUserId = actor.UserId;
        e.Version++;
        await SessionRegistrations.RemoveUpcomingAsync(db, e.Id, now, ct);
        Enrolment? promoted = null;
        if (heldSeat)
        {
            await Seats.ReleaseAsync(db, e.OfferingId, ct);
            var offering = await db.Offerings.AsNoTracking().Include(o => o.EligibilityRules).SingleAsync(o => o.Id == e.OfferingId, ct);
            promoted = await Promotion.PromoteNextAsync(db, offering, options.Value, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await EnrolmentMessages.QueueAsync(db, e, EnrolmentMessages.Cancelled, now, ct);
        if (promoted is not null)
        {
            await EnrolmentMessages.QueueAsync(db, promoted, Promotion.MessageFor(promoted), now, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<EnrolmentStatus>.Ok(e.Status);
    }
}
