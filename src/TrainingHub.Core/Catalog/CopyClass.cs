using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>The new period of a copy: its code, its first day and, optionally, a new title.</summary>
public sealed record CopyClassRequest(string? Code, DateOnly? StartsOn, string? Title);

/// <summary>
/// Copies a class (or webinar series) to a new period: every date and session moves by the difference between the
/// new and the old start date (keeping São Paulo wall-clock times); instructors and eligibility are copied,
/// enrolments are not. The copy starts as a draft. Returns the new offering's id.
/// </summary>
public static class CopyClass
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int offeringId, CopyClassRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(r);
        var source = await db.Offerings.AsNoTracking().InScope(scope)
            .Include(o => o.Instructors).Include(o => o.EligibilityRules).Include(o => o.Sessions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == offeringId, ct);
        if (source is null)
        {
            return Error.NotFound("", OfferingFields.NotFound);
        }

        var errors = new List<FieldError>();
        var code = CatalogInput.Required(errors, nameof(r.Code), r.Code, 40, "Catalog.CodeRequired");
        var title = CatalogInput.Optional(errors, nameof(r.Title), r.Title, 200) ?? source.Title;
        if (r.StartsOn is null)
        {
            errors.Add(new(nameof(r.StartsOn), "Offering.StartRequired"));
        }

        if (code is not null && await db.Offerings.AnyAsync(o => o.Code == code, ct))
        {
            errors.Add(new(nameof(r.Code), "Catalog.CodeTaken", code));
        }

        if (r.StartsOn is { } newStart)
        {
            // The copy keeps the class's length: it must still fall within the programme's period.
            var shift = newStart.DayNumber - source.StartsOn.DayNumber;
            var before = errors.Count;
            await CatalogPeriods.CheckOfferingAsync(db, null, source.ProgrammeId, newStart, source.EndsOn.AddDays(shift), errors, ct);
            for (var i = before; i < errors.Count; i++)
            {
                errors[i] = errors[i] with { Field = nameof(r.StartsOn) };
            }
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var days = r.StartsOn!.Value.DayNumber - source.StartsOn.DayNumber;
        Offering copy = source switch
        {
            CourseClass c => new CourseClass { Code = code!, Title = title, CourseId = c.CourseId },
            WebinarSeries w => new WebinarSeries { Code = code!, Title = title, Description = w.Description, ChannelUrl = w.ChannelUrl },
            _ => throw new InvalidOperationException("Unknown offering kind."),
        };
        copy.ProgrammeId = source.ProgrammeId;
        copy.StartsOn = source.StartsOn.AddDays(days);
        copy.EndsOn = source.EndsOn.AddDays(days);
        copy.Seats = source.Seats;
        copy.Place = source.Place;
        copy.EnrolmentOpensAt = Shift(source.EnrolmentOpensAt, days);
        copy.EnrolmentClosesAt = Shift(source.EnrolmentClosesAt, days);
        copy.ApprovalRequired = source.ApprovalRequired;
        copy.Eligibility = source.Eligibility;
        copy.Status = OfferingStatus.Draft;
        copy.CreatedAt = time.GetUtcNow().UtcDateTime;
        copy.Instructors = source.Instructors.Select(i => new OfferingInstructor { PersonId = i.PersonId }).ToList();
        copy.EligibilityRules = source.EligibilityRules
            .Select(x => new EligibilityRule { OrganizationKind = x.OrganizationKind, OrganizationId = x.OrganizationId, SeatQuota = x.SeatQuota }).ToList();
        copy.Sessions = source.Sessions.Where(s => s.Status != SessionStatus.Cancelled).OrderBy(s => s.StartsAt)
            .Select(s => new Session
            {
                Title = s.Title,
                StartsAt = Shift(s.StartsAt, days),
                EndsAt = Shift(s.EndsAt, days),
                CreditedMinutes = s.CreditedMinutes,
                Place = s.Place,
                StreamUrl = s.StreamUrl,
            }).ToList();
        db.Offerings.Add(copy);
        return await OfferingFields.SaveAsync(db, copy, code!, ct);
    }

    /// <summary>Moves an instant by whole days on the São Paulo calendar, keeping its wall-clock time.</summary>
    public static DateTime Shift(DateTime utc, int days) => SaoPaulo.ToUtc(SaoPaulo.ToLocal(utc).AddDays(days));

    private static DateTime? Shift(DateTime? utc, int days) => utc is { } u ? Shift(u, days) : null;
}
