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
public sealed record SessionRequest(string? Title, DateTime? StartsAt, DateTime? EndsAt, string? CreditedHours, string? Place, string? StreamUrl, int? Seats = null);

/// <summary>Adds a session to an offering (sessionId null) or changes one; a cancelled session or offering cannot be changed.</summary>
public static class SaveSession
{
    public const string NotFound = "Session.NotFound";

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int offeringId, int? sessionId, SessionRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        var offering = await db.Offerings.AsNoTracking().InScope(scope).Where(o => o.Id == offeringId).Select(o => new { o.Id, o.Status }).SingleOrDefaultAsync(ct);
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
        int? credited = null;
        if (!string.IsNullOrWhiteSpace(r.CreditedHours))
        {
            credited = CatalogInput.ParseHours(r.CreditedHours);
            if (credited is not > 0)
            {
                errors.Add(new(nameof(r.CreditedHours), "Catalog.HoursInvalid", r.CreditedHours));
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

        session ??= db.Sessions.Add(new Session { OfferingId = offeringId, Title = title! }).Entity;
        session.Title = title!;
        session.StartsAt = starts!.Value;
        session.EndsAt = ends!.Value;
        session.CreditedMinutes = credited ?? (int)Math.Round((ends.Value - starts.Value).TotalMinutes);
        session.Place = place;
        session.StreamUrl = stream;
        session.Seats = r.Seats;
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(session.Id);
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
