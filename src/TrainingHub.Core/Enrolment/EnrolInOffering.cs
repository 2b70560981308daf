using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

/// <param name="PersonId">Who to enrol; null means the signed-in trainee themself.</param>
public sealed record EnrolRequest(int OfferingId, int? PersonId = null);

public sealed record EnrolmentOutcome(int EnrolmentId, EnrolmentStatus Status, int? WaitlistRank, bool AlreadyEnrolled);

/// <summary>
/// Enrols a person in a class or webinar series: eligibility, window and duplicates checked; a seat if one is free
/// (and the organisation's quota allows), otherwise the waitlist; approval first where the offering requires it.
/// Safe under concurrency: the offering's row lock serialises requests, and the database refuses overselling.
/// An administrator enrols someone else only into an offering they can see (<see cref="CatalogScope"/>).
/// </summary>
public static class EnrolInOffering
{
    public static async Task<Result<EnrolmentOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope actor, TimeProvider time, EnrolRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(r);
        var personId = r.PersonId ?? actor.PersonId;
        if (personId is null)
        {
            return Error.NotFound(nameof(r.PersonId), "Enrol.NoPerson");
        }

        var self = personId == actor.PersonId;
        if (!self && !(actor.IsAdministrator && await db.People.InScope(actor).AnyAsync(p => p.Id == personId, ct)))
        {
            return Error.NotFound(nameof(r.PersonId), "Person.NotFound");
        }

        if (!self && !await db.Offerings.InScope(actor).AnyAsync(o => o.Id == r.OfferingId, ct))
        {
            return Error.NotFound(nameof(r.OfferingId), "Offering.NotFound");
        }

        var facts = await EligibilityCheck.FactsAsync(db, personId.Value, ct);
        if (facts is null)
        {
            return Error.NotFound(nameof(r.PersonId), "Person.NotFound");
        }

        // Inside a caller's transaction (an all-or-nothing import) the work joins it and the caller commits;
        // otherwise this is its own transaction.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (!await Seats.LockAsync(db, r.OfferingId, ct))
        {
            return Error.NotFound(nameof(r.OfferingId), "Offering.NotFound");
        }

        var offering = await db.Offerings.AsNoTracking().Include(o => o.EligibilityRules).SingleAsync(o => o.Id == r.OfferingId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var why = WhyClosed(offering, now, SaoPaulo.Today(time)) ?? await EligibilityCheck.WhyNotAsync(db, offering, facts, ct);
        if (why is not null)
        {
            return Refusal(nameof(r.OfferingId), why);
        }

        var enrolment = await db.Enrolments.FirstOrDefaultAsync(e => e.OfferingId == offering.Id && e.PersonId == personId, ct);
        if (enrolment is not null && EnrolmentStatuses.Enrolled.Contains(enrolment.Status))
        {
            // A second click, a retry: nothing changes, and the answer is the same.
            return Result<EnrolmentOutcome>.Ok(new EnrolmentOutcome(enrolment.Id, enrolment.Status, await WaitlistRank.OfAsync(db, enrolment, ct), true));
        }

        if (enrolment is null)
        {
            enrolment = new Enrolment { OfferingId = offering.Id, PersonId = personId.Value };
            db.Enrolments.Add(enrolment);
        }

        enrolment.Version++;
        enrolment.RequestedAt = now;
        enrolment.ConfirmedAt = enrolment.DecidedAt = enrolment.CompletedAt = enrolment.OfferExpiresAt = null;
        enrolment.DecidedByUserId = enrolment.DecisionReason = enrolment.OutcomeReason = null;
        EnrolmentMessage message;
        if (offering.ApprovalRequired && !actor.IsAdministrator)
        {
            enrolment.Status = EnrolmentStatus.AwaitingApproval;
            enrolment.WaitlistPosition = null;
            message = EnrolmentMessages.Received;
        }
        else
        {
            await Seats.SeatOrWaitlistAsync(db, offering, enrolment, facts.OrganizationId, now, ct);
            message = enrolment.Status == EnrolmentStatus.Confirmed ? EnrolmentMessages.Confirmed : EnrolmentMessages.Waitlisted;
        }

        await db.SaveChangesAsync(ct);
        await EnrolmentMessages.QueueAsync(db, enrolment, message, now, ct);
        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return Result<EnrolmentOutcome>.Ok(new EnrolmentOutcome(enrolment.Id, enrolment.Status, await WaitlistRank.OfAsync(db, enrolment, ct), false));
    }

    /// <summary>The refusal for a <see cref="WhyClosed"/> or eligibility key: too early while the enrolment period has not opened.</summary>
    public static Error Refusal(string field, string why) => why == "Enrol.WindowNotOpen" ? Error.TooEarly(field, why) : Error.Validation(field, why);

    /// <summary>Null when the offering takes enrolments now; otherwise the message key saying why not.</summary>
    public static string? WhyClosed(Catalog.Offering offering, DateTime now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(offering);
        return offering.Status != Catalog.OfferingStatus.Published ? "Enrol.NotOpen"
            : offering.EnrolmentOpensAt is { } opens && now < opens ? "Enrol.WindowNotOpen"
            : offering.EnrolmentClosesAt is { } closes && now >= closes ? "Enrol.WindowClosed"
            : offering.EndsOn < today ? "Enrol.Ended"
            : null;
    }
}

public static class WaitlistRank
{
    /// <summary>The place in the queue people see: how many are waiting ahead, plus one.</summary>
    public static async Task<int?> OfAsync(TrainingHubDbContext db, Enrolment e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(e);
        return e is { Status: EnrolmentStatus.Waitlisted, WaitlistPosition: { } position }
            ? await db.Enrolments.CountAsync(x => x.OfferingId == e.OfferingId && x.Status == EnrolmentStatus.Waitlisted && x.WaitlistPosition < position, ct) + 1
            : null;
    }
}
