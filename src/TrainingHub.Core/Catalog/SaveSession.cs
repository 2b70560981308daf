using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>
/// A session as a form or API client sends it. Times are São Paulo wall-clock times (or UTC when an API client marks
/// them so); credited hours are text ("2", "1,5") and default to the session's length.
/// </summary>
/// <param name="Seats">Seats of this date in a series registered by date; null means unlimited.</param>
/// <param name="RepeatWeeklyUntil">A new session only: the same session every week after the first, up to this date.</param>
/// <param name="AlsoOn">A new session only: the same session on these dates too ("dd/MM/yyyy" or "yyyy-MM-dd", separated by commas, spaces or lines).</param>
public sealed record SessionRequest(string? Title, DateTime? StartsAt, DateTime? EndsAt, string? CreditedHours, string? Place, string? StreamUrl, int? Seats = null,
    DateOnly? RepeatWeeklyUntil = null, string? AlsoOn = null);

/// <summary>
/// Adds a session to an offering (sessionId null) or changes one; a cancelled session or offering cannot be changed.
/// A new session may repeat weekly until a date and/or on listed dates, at the same times: every one is checked (within
/// the offering's period) and they are created together or not at all. Returns the first session's id and how many.
/// </summary>
/// <summary>The session saved (the first, when several were added) and how many sessions were saved.</summary>
public sealed record SavedSessions(int Id, int Count);

public static class SaveSession
{
    public const string NotFound = "Session.NotFound";

    public static async Task<Result<SavedSessions>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int offeringId, int? sessionId, SessionRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        var offering = await db.Offerings.AsNoTracking().InScope(scope).Where(o => o.Id == offeringId).Select(o => new { o.Id, o.Status, o.StartsOn, o.EndsOn }).SingleOrDefaultAsync(ct);
        if (offering is null)
        {
            return Error.NotFound("", OfferingFields.NotFound);
        }

        Session? session = null;
        if (sessionId is { } sid)
        {
            session = await db.Sessions.SingleOrDefaultAsync(s => s.Id == sid && s.OfferingId == offeringId, ct);
            if (session is null)
            {
                return Error.NotFound("", NotFound);
            }
        }

        var errors = new List<FieldError>();
        if (offering.Status == OfferingStatus.Cancelled)
        {
            errors.Add(new("", "Offering.IsCancelled"));
        }

        if (session?.Status == SessionStatus.Cancelled)
        {
            errors.Add(new("", "Session.IsCancelled"));
        }

        var title = CatalogInput.Required(errors, nameof(r.Title), r.Title, 200, "Catalog.TitleRequired");
        var place = CatalogInput.Optional(errors, nameof(r.Place), r.Place, 300);
        var stream = CatalogInput.Optional(errors, nameof(r.StreamUrl), r.StreamUrl, 500);
        if (stream is not null && !CatalogInput.IsHttpUrl(stream))
        {
            errors.Add(new(nameof(r.StreamUrl), "Catalog.UrlInvalid"));
        }

        var (starts, ends) = Times(errors, r.StartsAt, r.EndsAt);
        if (starts is { } st && ends is { } en && en > st)
        {
            CatalogPeriods.CheckSession(errors, st, en, offering.StartsOn, offering.EndsOn);
        }

        int? credited = null;
        if (!string.IsNullOrWhiteSpace(r.CreditedHours))
        {
            credited = CatalogInput.ParseHours(r.CreditedHours);
            if (credited is not > 0)
            {
                errors.Add(new(nameof(r.CreditedHours), "Catalog.HoursInvalid", r.CreditedHours));
            }
        }

        var dates = Repeats(errors, sessionId is null, starts, r.RepeatWeeklyUntil, r.AlsoOn);
        if (starts is { } first && ends is { } last && last > first)
        {
            foreach (var day in dates)
            {
                var shift = day.DayNumber - DateOnly.FromDateTime(SaoPaulo.ToLocal(first)).DayNumber;
                var local = DateOnly.FromDateTime(SaoPaulo.ToLocal(last)).AddDays(shift);
                if (day < offering.StartsOn || local > offering.EndsOn)
                {
                    errors.Add(new(r.AlsoOn is not null && !WeeklyDates(first, r.RepeatWeeklyUntil).Contains(day) ? nameof(r.AlsoOn) : nameof(r.RepeatWeeklyUntil),
                        "Session.RepeatOutsideOffering", SaoPaulo.FormatDate(day), SaoPaulo.FormatDate(offering.StartsOn), SaoPaulo.FormatDate(offering.EndsOn)));
                }
            }
        }

        if (r.Seats is { } seats && (seats < 1 || seats < (session?.RegisteredCount ?? 0)))
        {
            errors.Add(new(nameof(r.Seats), "Dates.SeatsInvalid", session?.RegisteredCount ?? 0));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var isNew = session is null;
        session ??= db.Sessions.Add(new Session { OfferingId = offeringId, Title = title! }).Entity;
        session.Title = title!;
        session.StartsAt = starts!.Value;
        session.EndsAt = ends!.Value;
        session.CreditedMinutes = credited ?? (int)Math.Round((ends.Value - starts.Value).TotalMinutes);
        session.Place = place;
        session.StreamUrl = stream;
        session.Seats = r.Seats;
        var more = dates.Select(day =>
        {
            var shift = TimeSpan.FromDays(day.DayNumber - DateOnly.FromDateTime(SaoPaulo.ToLocal(starts.Value)).DayNumber);
            // The same wall-clock times in São Paulo on that day.
            var at = SaoPaulo.ToUtc(SaoPaulo.ToLocal(starts.Value) + shift);
            var until = SaoPaulo.ToUtc(SaoPaulo.ToLocal(ends.Value) + shift);
            return db.Sessions.Add(new Session
            {
                OfferingId = offeringId,
                Title = title!,
                StartsAt = at,
                EndsAt = until,
                CreditedMinutes = session.CreditedMinutes,
                Place = place,
                StreamUrl = stream,
                Seats = r.Seats,
            }).Entity;
        }).ToList();
        await db.SaveChangesAsync(ct);
        if (isNew)
        {
            await Enrolment.SessionRegistrations.AddToWholeSeriesAsync(db, offeringId, [session.Id, .. more.Select(m => m.Id)], time.GetUtcNow().UtcDateTime, ct);
        }

        await tx.CommitAsync(ct);
        return Result<SavedSessions>.Ok(new SavedSessions(session.Id, 1 + more.Count));
    }

    public const int MaxRepeats = 52;

    /// <summary>The further dates of a new session (weekly until a date, and listed dates), sorted, without the first.</summary>
    private static List<DateOnly> Repeats(List<FieldError> errors, bool isNew, DateTime? starts, DateOnly? weeklyUntil, string? alsoOn)
    {
        if (weeklyUntil is null && string.IsNullOrWhiteSpace(alsoOn))
        {
            return [];
        }

        if (!isNew)
        {
            errors.Add(new(nameof(SessionRequest.RepeatWeeklyUntil), "Session.RepeatOnlyNew"));
            return [];
        }

        if (starts is not { } first)
        {
            return [];
        }

        var day = DateOnly.FromDateTime(SaoPaulo.ToLocal(first));
        if (weeklyUntil is { } until && until <= day)
        {
            errors.Add(new(nameof(SessionRequest.RepeatWeeklyUntil), "Session.RepeatUntilBeforeStart", SaoPaulo.FormatDate(day)));
        }

        var dates = new SortedSet<DateOnly>(WeeklyDates(first, weeklyUntil));
        foreach (var text in (alsoOn ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (DateOnly.TryParseExact(text, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                if (d != day)
                {
                    dates.Add(d);
                }
            }
            else
            {
                errors.Add(new(nameof(SessionRequest.AlsoOn), "Session.AlsoOnInvalid", text));
            }
        }

        if (dates.Count > MaxRepeats)
        {
            errors.Add(new(nameof(SessionRequest.RepeatWeeklyUntil), "Session.RepeatTooMany", MaxRepeats + 1));
            return [];
        }

        return [.. dates];
    }

    private static IEnumerable<DateOnly> WeeklyDates(DateTime starts, DateOnly? until)
    {
        var day = DateOnly.FromDateTime(SaoPaulo.ToLocal(starts));
        for (var d = day.AddDays(7); until is { } u && d <= u && d.DayNumber - day.DayNumber <= 7 * (MaxRepeats + 1); d = d.AddDays(7))
        {
            yield return d;
        }
    }

    /// <summary>Start and end as UTC, with field errors when missing or the end is not after the start.</summary>
    public static (DateTime? Starts, DateTime? Ends) Times(List<FieldError> errors, DateTime? startsAt, DateTime? endsAt)
    {
        ArgumentNullException.ThrowIfNull(errors);
        DateTime? starts = startsAt is { } s ? CatalogInput.ToUtc(s) : null;
        DateTime? ends = endsAt is { } e ? CatalogInput.ToUtc(e) : null;
        if (starts is null)
        {
            errors.Add(new(nameof(SessionRequest.StartsAt), "Session.StartRequired"));
        }

        if (ends is null)
        {
            errors.Add(new(nameof(SessionRequest.EndsAt), "Session.EndRequired"));
        }
        else if (starts is not null && ends <= starts)
        {
            errors.Add(new(nameof(SessionRequest.EndsAt), "Session.EndBeforeStart"));
        }

        return (starts, ends);
    }
}
