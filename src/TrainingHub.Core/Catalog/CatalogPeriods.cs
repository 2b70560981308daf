using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>
/// Periods nest: a session falls within its class's (or series') period, in São Paulo dates, and a class within its
/// programme's period when the programme has one. Refused on every form and API that sets them, naming the field:
/// a session, class or series saved outside its period, and a class's or programme's period narrowed so that what it
/// holds falls outside.
/// </summary>
public static class CatalogPeriods
{
    /// <summary>Adds an error on StartsAt when the session's São Paulo dates fall outside the offering's period.</summary>
    public static void CheckSession(List<FieldError> errors, DateTime startsUtc, DateTime endsUtc, DateOnly offeringStarts, DateOnly offeringEnds)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var from = DateOnly.FromDateTime(SaoPaulo.ToLocal(startsUtc));
        var to = DateOnly.FromDateTime(SaoPaulo.ToLocal(endsUtc));
        if (from < offeringStarts || to > offeringEnds)
        {
            errors.Add(new(nameof(SessionRequest.StartsAt), "Session.OutsideOffering", SaoPaulo.FormatDate(offeringStarts), SaoPaulo.FormatDate(offeringEnds)));
        }
    }

    /// <summary>
    /// For a class or series being saved: its period must lie within its programme's (when set), and, when it exists
    /// already, hold every one of its sessions that is not cancelled.
    /// </summary>
    public static async Task CheckOfferingAsync(TrainingHubDbContext db, int? offeringId, int? programmeId, DateOnly startsOn, DateOnly endsOn, List<FieldError> errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(errors);
        if (programmeId is { } pid
            && await db.Programmes.AsNoTracking().Where(p => p.Id == pid).Select(p => new { p.StartsOn, p.EndsOn }).FirstOrDefaultAsync(ct) is { } programme
            && ((programme.StartsOn is { } ps && startsOn < ps) || (programme.EndsOn is { } pe && endsOn > pe)))
        {
            var field = programme.StartsOn is { } s && startsOn < s ? nameof(IOfferingRequest.StartsOn) : nameof(IOfferingRequest.EndsOn);
            errors.Add(new(field, "Offering.OutsideProgramme",
                programme.StartsOn is { } a ? SaoPaulo.FormatDate(a) : "…", programme.EndsOn is { } b ? SaoPaulo.FormatDate(b) : "…"));
        }

        if (offeringId is not { } id)
        {
            return;
        }

        var sessions = await db.Sessions.AsNoTracking().Where(x => x.OfferingId == id && x.Status != SessionStatus.Cancelled)
            .Select(x => new { x.StartsAt, x.EndsAt }).ToListAsync(ct);
        if (sessions.Count == 0)
        {
            return;
        }

        var first = DateOnly.FromDateTime(SaoPaulo.ToLocal(sessions.Min(x => x.StartsAt)));
        var last = DateOnly.FromDateTime(SaoPaulo.ToLocal(sessions.Max(x => x.EndsAt)));
        if (first < startsOn)
        {
            errors.Add(new(nameof(IOfferingRequest.StartsOn), "Offering.SessionsBefore", SaoPaulo.FormatDate(first)));
        }

        if (last > endsOn)
        {
            errors.Add(new(nameof(IOfferingRequest.EndsOn), "Offering.SessionsAfter", SaoPaulo.FormatDate(last)));
        }
    }

    /// <summary>
    /// For a programme being changed: every class and series of it that is not cancelled must lie within its new
    /// period. Adds, on StartsOn and on EndsOn, how many fall outside on that side and the furthest date among them.
    /// </summary>
    public static async Task CheckProgrammeAsync(TrainingHubDbContext db, int programmeId, DateOnly? startsOn, DateOnly? endsOn, List<FieldError> errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(errors);
        var offerings = db.Offerings.AsNoTracking().Where(o => o.ProgrammeId == programmeId && o.Status != OfferingStatus.Cancelled);
        if (startsOn is { } from)
        {
            var before = await offerings.Where(o => o.StartsOn < from).Select(o => o.StartsOn).ToListAsync(ct);
            if (before.Count > 0)
            {
                errors.Add(new(nameof(ProgrammeRequest.StartsOn), "Programme.OfferingsBefore", before.Count, SaoPaulo.FormatDate(before.Min())));
            }
        }

        if (endsOn is { } to)
        {
            var after = await offerings.Where(o => o.EndsOn > to).Select(o => o.EndsOn).ToListAsync(ct);
            if (after.Count > 0)
            {
                errors.Add(new(nameof(ProgrammeRequest.EndsOn), "Programme.OfferingsAfter", after.Count, SaoPaulo.FormatDate(after.Max())));
            }
        }
    }
}
