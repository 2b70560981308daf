using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

/// <param name="WholeSeries">Every date of the series (those added later too are offered by the page); otherwise <paramref name="SessionIds"/>.</param>
/// <param name="PersonId">Whose dates; null means the signed-in trainee themself.</param>
public sealed record ChooseSessionsRequest(int OfferingId, bool WholeSeries, IReadOnlyList<int>? SessionIds, int? PersonId = null);

/// <summary>One date of a series registered by date, as the person sees it.</summary>
public sealed record SessionChoice(int SessionId, string Title, DateTime StartsAt, DateTime EndsAt, int? SeatsLeft, bool Open,
    SessionRegistrationStatus? Mine, int? WaitlistRank);

/// <summary>
/// Registers a person for the whole series or for chosen dates of a series registered by date, enrolling them first
/// if needed (eligibility, window and approval as for any enrolment). Self-service until each date starts: dates
/// already started keep what they had; a chosen date with seats gives a seat while one is free, otherwise a place on
/// that date's waitlist; a dropped date frees its seat for the first person waiting. Choosing the same again changes nothing.
/// </summary>
public static class ChooseSessions
{
    public static async Task<Result<IReadOnlyList<SessionChoice>>> HandleAsync(TrainingHubDbContext db, ReaderScope actor, TimeProvider time, ChooseSessionsRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(r);
        var byDate = await db.WebinarSeries.AsNoTracking().Where(s => s.Id == r.OfferingId).Select(s => (bool?)s.RegistrationByDate).SingleOrDefaultAsync(ct);
        if (byDate is null)
        {
            return Error.NotFound(nameof(r.OfferingId), "Offering.NotFound");
        }

        if (byDate is false)
        {
            return Error.Validation(nameof(r.OfferingId), "Dates.NotByDate");
        }

        var chosen = (r.SessionIds ?? []).Distinct().ToHashSet();
        if (!r.WholeSeries && chosen.Count == 0)
        {
            return Error.Validation(nameof(r.SessionIds), "Dates.NoneChosen");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var enrolled = await EnrolInOffering.HandleAsync(db, actor, time, new EnrolRequest(r.OfferingId, r.PersonId), ct);
        if (!enrolled.Succeeded)
        {
            return enrolled.Error!;
        }

        var enrolment = await db.Enrolments.SingleAsync(e => e.Id == enrolled.Value!.EnrolmentId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == r.OfferingId).ToListAsync(ct);
        if (chosen.Any(id => sessions.All(s => s.Id != id)))
        {
            return Error.Validation(nameof(r.SessionIds), "Dates.NotInSeries");
        }

        var rows = await db.SessionRegistrations.Where(x => x.EnrolmentId == enrolment.Id).ToListAsync(ct);
        if (chosen.Any(id => !SessionRegistrations.Open(sessions.Single(s => s.Id == id), now) && rows.All(x => x.SessionId != id)))
        {
            return Error.Validation(nameof(r.SessionIds), "Dates.Started");
        }

        foreach (var s in sessions.Where(s => SessionRegistrations.Open(s, now)).OrderBy(s => s.StartsAt))
        {
            var want = r.WholeSeries || chosen.Contains(s.Id);
            var row = rows.SingleOrDefault(x => x.SessionId == s.Id);
            if (want && row is null)
            {
                await SessionRegistrations.AddAsync(db, enrolment, s.Id, now, ct);
            }
            else if (!want && row is not null)
            {
                await SessionRegistrations.RemoveAsync(db, row, ct);
            }
        }

        if (enrolment.ChosenSessions == r.WholeSeries)
        {
            enrolment.ChosenSessions = !r.WholeSeries;
            enrolment.Version++;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<IReadOnlyList<SessionChoice>>.Ok(await ListAsync(db, r.OfferingId, enrolment.PersonId, now, ct));
    }

    /// <summary>The series' dates with seats left and the person's place in each.</summary>
    public static async Task<IReadOnlyList<SessionChoice>> ListAsync(TrainingHubDbContext db, int offeringId, int personId, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == offeringId && s.Status != SessionStatus.Cancelled).OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id,
                s.Title,
                s.StartsAt,
                s.EndsAt,
                s.Seats,
                s.RegisteredCount,
                s.Status,
                Mine = db.SessionRegistrations.Where(x => x.SessionId == s.Id && x.PersonId == personId).Select(x => new { x.Status, x.WaitlistPosition }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var choices = new List<SessionChoice>();
        foreach (var s in rows)
        {
            int? rank = s.Mine is { Status: SessionRegistrationStatus.Waitlisted, WaitlistPosition: { } position }
                ? await db.SessionRegistrations.CountAsync(x => x.SessionId == s.Id && x.Status == SessionRegistrationStatus.Waitlisted && x.WaitlistPosition < position, ct) + 1
                : null;
            choices.Add(new SessionChoice(s.Id, s.Title, s.StartsAt, s.EndsAt, s.Seats is { } seats ? Math.Max(0, seats - s.RegisteredCount) : null,
                s.Status == SessionStatus.Scheduled && s.StartsAt > now, s.Mine?.Status, rank));
        }

        return choices;
    }
}
