using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

/// <summary>
/// Seat accounting, safe under concurrency on every database. Callers hold a transaction; <see cref="LockAsync"/>
/// takes the offering's row lock first (a no-op update), so everything that decides seats and waitlist positions
/// for one offering happens one request at a time, in arrival order. The counter itself is guarded twice: the
/// conditional increment below, and the database's check that it never exceeds the seats. The wait for the lock is
/// bounded (<see cref="LockWait"/>): past it the database ends the statement, the transaction rolls back with nothing
/// written, and the host answers "busy, try again" (503 with Retry-After) instead of a 500 after half a minute.
/// </summary>
internal static class Seats
{
    /// <summary>How long a request waits for the offering's lock, in milliseconds.</summary>
    public const string LockWait = "5000";

    public static async Task<bool> LockAsync(TrainingHubDbContext db, int offeringId, CancellationToken ct)
    {
        await BoundLockWaitAsync(db, ct);
        return await db.Offerings.Where(o => o.Id == offeringId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ConfirmedCount, o => o.ConfirmedCount), ct) == 1;
    }

    /// <summary>
    /// PostgreSQL: for the rest of this transaction only (SET LOCAL); SQL Server: for the connection, which the pool
    /// resets. SQLite has one writer and waits at BEGIN for its busy timeout, answered the same way by the host.
    /// </summary>
    private static async Task BoundLockWaitAsync(TrainingHubDbContext db, CancellationToken ct)
    {
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = " + LockWait, ct);
        }
        else if (db.Database.ProviderName?.Contains("SqlServer", StringComparison.Ordinal) == true)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCK_TIMEOUT " + LockWait, ct);
        }
    }

    public static async Task<bool> TryTakeAsync(TrainingHubDbContext db, int offeringId, CancellationToken ct) =>
        await db.Offerings.Where(o => o.Id == offeringId && (o.Seats == null || o.ConfirmedCount < o.Seats))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ConfirmedCount, o => o.ConfirmedCount + 1), ct) == 1;

    public static Task ReleaseAsync(TrainingHubDbContext db, int offeringId, CancellationToken ct) =>
        db.Offerings.Where(o => o.Id == offeringId && o.ConfirmedCount > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ConfirmedCount, o => o.ConfirmedCount - 1), ct);

    public static async Task<int> NextWaitlistPositionAsync(TrainingHubDbContext db, int offeringId, CancellationToken ct) =>
        (await db.Enrolments.Where(e => e.OfferingId == offeringId && e.WaitlistPosition != null).MaxAsync(e => e.WaitlistPosition, ct) ?? 0) + 1;

    /// <summary>Gives the enrolment a seat if one is free and the organisation's quota allows; otherwise the next waitlist place.</summary>
    public static async Task SeatOrWaitlistAsync(TrainingHubDbContext db, Offering offering, Enrolment enrolment, int organizationId, DateTime now, CancellationToken ct)
    {
        if (!await QuotaFullAsync(db, offering, organizationId, ct) && await TryTakeAsync(db, offering.Id, ct))
        {
            enrolment.Status = EnrolmentStatus.Confirmed;
            enrolment.WaitlistPosition = null;
            enrolment.ConfirmedAt = now;
        }
        else
        {
            enrolment.Status = EnrolmentStatus.Waitlisted;
            enrolment.WaitlistPosition = await NextWaitlistPositionAsync(db, offering.Id, ct);
        }
    }

    /// <summary>Whether the person's organisation has used up its quota in this offering (where a quota is set).</summary>
    public static async Task<bool> QuotaFullAsync(TrainingHubDbContext db, Offering offering, int organizationId, CancellationToken ct)
    {
        var quota = offering.EligibilityRules.FirstOrDefault(r => r.OrganizationId == organizationId)?.SeatQuota;
        if (quota is null)
        {
            return false;
        }

        var used = await db.Enrolments.CountAsync(e => e.OfferingId == offering.Id && e.Person!.OrganizationId == organizationId
            && (EnrolmentStatuses.Seated.Contains(e.Status) || e.OfferExpiresAt != null), ct);
        return used >= quota;
    }
}
