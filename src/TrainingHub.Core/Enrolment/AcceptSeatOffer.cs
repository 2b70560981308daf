using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

/// <summary>The trainee takes the seat offered to them before the offer expires.</summary>
public static class AcceptSeatOffer
{
    public static async Task<Result<EnrolmentStatus>> HandleAsync(TrainingHubDbContext db, ReaderScope actor, TimeProvider time, int enrolmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var offeringId = await db.Enrolments.Where(e => e.Id == enrolmentId && e.PersonId == actor.PersonId).Select(e => (int?)e.OfferingId).FirstOrDefaultAsync(ct);
        if (offeringId is null)
        {
            return Error.NotFound("EnrolmentId", "Enrolment.NotFound");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Seats.LockAsync(db, offeringId.Value, ct);
        var e = await db.Enrolments.SingleAsync(x => x.Id == enrolmentId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (e.Status == EnrolmentStatus.Confirmed)
        {
            return Result<EnrolmentStatus>.Ok(e.Status);
        }

        if (e.Status != EnrolmentStatus.Waitlisted || e.OfferExpiresAt is not { } expires || expires <= now)
        {
            return Error.Conflict("EnrolmentId", "Enrolment.NoOffer");
        }

        e.Status = EnrolmentStatus.Confirmed;
        e.ConfirmedAt = now;
        e.WaitlistPosition = null;
        e.OfferExpiresAt = null;
        e.Version++;
        await db.SaveChangesAsync(ct);
        await EnrolmentMessages.QueueAsync(db, e, EnrolmentMessages.Confirmed, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<EnrolmentStatus>.Ok(e.Status);
    }
}
