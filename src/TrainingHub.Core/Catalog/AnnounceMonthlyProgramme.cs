using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Catalog;

public sealed record AnnounceRequest(int SeriesId, int Year, int Month);

public sealed record AnnounceOutcome(int Sessions, int Queued, int AlreadyAnnounced);

/// <summary>
/// Announces a webinar series' programme for one month to everyone who may take part (its eligible people and its
/// enrolments): one outbox message per person, keyed by series, month and person, so announcing twice sends nothing new.
/// </summary>
public static class AnnounceMonthlyProgramme
{

    public static async Task<Result<AnnounceOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, AnnounceRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        if (r.Month is < 1 or > 12 || r.Year is < 2000 or > 2100)
        {
            return Error.Validation(nameof(r.Month), "Announce.MonthInvalid");
        }

        var series = await db.WebinarSeries.InScope(scope).Include(s => s.EligibilityRules)
            .AsNoTracking().FirstOrDefaultAsync(s => s.Id == r.SeriesId, ct);
        if (series is null)
        {
            return Error.NotFound(nameof(r.SeriesId), "Offering.NotFound");
        }

        var from = SaoPaulo.ToUtc(new DateTime(r.Year, r.Month, 1));
        var to = SaoPaulo.ToUtc(new DateTime(r.Year, r.Month, 1).AddMonths(1));
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.OfferingId == series.Id && s.Status != SessionStatus.Cancelled && s.StartsAt >= from && s.StartsAt < to)
            .OrderBy(s => s.StartsAt)
            .Select(s => new { s.Title, s.StartsAt, s.EndsAt, s.CreditedMinutes, s.StreamUrl, s.Place })
            .ToListAsync(ct);
        if (sessions.Count == 0)
        {
            return Error.Validation(nameof(r.Month), "Announce.NoSessions");
        }

        var eligible = EligibilityCheck.EligiblePeople(db, series.Id);
        var live = EnrolmentStatuses.Upcoming;
        var enrolled = db.Enrolments.Where(e => e.OfferingId == series.Id && live.Contains(e.Status)).Select(e => e.PersonId);
        var recipients = await db.People.AsNoTracking()
            .Where(p => p.AnonymizedAt == null && (eligible.Contains(p.Id) || enrolled.Contains(p.Id)))
            .Select(p => new { p.Id, p.Email, p.PreferredLanguage })
            .ToListAsync(ct);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{nameof(SeriesMonthlyProgramme)}:{series.Id}:{r.Year:D4}-{r.Month:D2}:");
        var done = (await db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith(prefix)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        var message = new SeriesMonthlyProgramme(series.Title, series.ChannelUrl, r.Year, r.Month, [.. sessions.Select(s => new ProgrammeSession(s.Title, s.StartsAt, s.EndsAt, s.StreamUrl, s.Place))]);
        var queued = 0;
        foreach (var batch in recipients.Where(p => !done.Contains(prefix + p.Id.ToString(CultureInfo.InvariantCulture))).Chunk(1000))
        {
            foreach (var p in batch)
            {
                Outbox.Add(db, p.Id, p.Email, p.PreferredLanguage, prefix + p.Id.ToString(CultureInfo.InvariantCulture), message, now);
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            queued += batch.Length;
        }

        return Result<AnnounceOutcome>.Ok(new AnnounceOutcome(sessions.Count, queued, done.Count));
    }
}
