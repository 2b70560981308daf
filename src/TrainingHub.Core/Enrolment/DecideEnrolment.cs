using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

public sealed record DecideRequest(int EnrolmentId, bool Approve, string? Reason);

/// <summary>
/// The person's manager, or an administrator who sees the enrolment (<see cref="ParticipantScope"/>), approves (a seat if free, else the waitlist) or rejects (with
/// a reason, recorded and sent to the person) an enrolment awaiting approval.
/// </summary>
public static class DecideEnrolment
{
    public static async Task<Result<EnrolmentStatus>> HandleAsync(TrainingHubDbContext db, ReaderScope actor, TimeProvider time, DecideRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(r);
        var target = await db.Enrolments.AsNoTracking().Where(e => e.Id == r.EnrolmentId)
            .Select(e => new { e.OfferingId, e.PersonId, e.Person!.ManagerId, e.Person.OrganizationId }).FirstOrDefaultAsync(ct);
        var mayDecide = target is not null && ((actor.PersonId is not null && target.ManagerId == actor.PersonId)
            || (actor.IsAdministrator && await db.Enrolments.SeenBy(actor).AnyAsync(e => e.Id == r.EnrolmentId, ct)));
        if (!mayDecide)
        {
            return Error.NotFound(nameof(r.EnrolmentId), "Enrolment.NotFound");
        }

        var reason = r.Reason?.Trim();
        if (!r.Approve && string.IsNullOrEmpty(reason))
        {
            return Error.Validation(nameof(r.Reason), "Enrolment.ReasonRequired");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await Seats.LockAsync(db, target!.OfferingId, ct);
        var e = await db.Enrolments.SingleAsync(x => x.Id == r.EnrolmentId, ct);
        if (e.Status != EnrolmentStatus.AwaitingApproval)
        {
            return Error.Conflict(nameof(r.EnrolmentId), "Enrolment.NotAwaitingApproval");
        }

        var now = time.GetUtcNow().UtcDateTime;
        e.DecidedAt = now;
        e.DecidedByUserId = actor.UserId;
        e.DecisionReason = reason is { Length: > 1000 } ? reason[..1000] : reason;
        e.Version++;
        if (!r.Approve)
        {
            e.Status = EnrolmentStatus.Cancelled;
        }
        else
        {
            var offering = await db.Offerings.AsNoTracking().Include(o => o.EligibilityRules).SingleAsync(o => o.Id == e.OfferingId, ct);
            await Seats.SeatOrWaitlistAsync(db, offering, e, target.OrganizationId, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await EnrolmentMessages.QueueAsync(db, e, r.Approve ? EnrolmentMessages.Approved : EnrolmentMessages.Rejected, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<EnrolmentStatus>.Ok(e.Status);
    }
}
