using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Core.Catalog;

/// <summary>An organisation allowed into an offering, with an optional seat quota.</summary>
public sealed record EligibleOrganization(int? OrganizationId, int? SeatQuota);

/// <summary>
/// What a class and a webinar series share on their forms and in the API. Enrolment window times are São Paulo
/// wall-clock times (or UTC when an API client marks them so).
/// </summary>
public interface IOfferingRequest
{
    string? Code { get; }
    string? Title { get; }
    DateOnly? StartsOn { get; }
    DateOnly? EndsOn { get; }
    int? Seats { get; }
    string? Place { get; }
    DateTime? EnrolmentOpensAt { get; }
    DateTime? EnrolmentClosesAt { get; }
    bool? ApprovalRequired { get; }
    OfferingStatus? Status { get; }
    IReadOnlyList<int>? InstructorIds { get; }
    Eligibility? Eligibility { get; }
    IReadOnlyList<OrganizationKind>? OrganizationKinds { get; }
    IReadOnlyList<EligibleOrganization>? Organizations { get; }
}

/// <summary>Validation and application of the shared offering fields, used by <see cref="SaveClass"/> and <see cref="SaveWebinarSeries"/>.</summary>
public static class OfferingFields
{
    public const string NotFound = "Offering.NotFound";

    public static async Task ValidateAsync(TrainingHubDbContext db, ReaderScope scope, int? id, int? programmeId, IOfferingRequest r, List<FieldError> errors, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(errors);
        var code = CatalogInput.Required(errors, nameof(r.Code), r.Code, 40, "Catalog.CodeRequired");
        CatalogInput.Required(errors, nameof(r.Title), r.Title, 200, "Catalog.TitleRequired");
        CatalogInput.Optional(errors, nameof(r.Place), r.Place, 300);
        if (r.StartsOn is null)
        {
            errors.Add(new(nameof(r.StartsOn), "Offering.StartRequired"));
        }

        if (r.EndsOn is null)
        {
            errors.Add(new(nameof(r.EndsOn), "Offering.EndRequired"));
        }
        else if (r.StartsOn is { } s && r.EndsOn < s)
        {
            errors.Add(new(nameof(r.EndsOn), "Catalog.EndBeforeStart"));
        }

        if (r.StartsOn is { } from && r.EndsOn is { } to && to >= from)
        {
            await CatalogPeriods.CheckOfferingAsync(db, id, programmeId, from, to, errors, ct);
        }

        if (r.Seats is < 0)
        {
            errors.Add(new(nameof(r.Seats), "Offering.SeatsInvalid"));
        }
        else if (r.Seats is { } fewer && id is { } offeringId && await ConfirmedAboveAsync(db, offeringId, fewer, ct) is { } confirmed)
        {
            errors.Add(SeatsBelowConfirmed(confirmed));
        }

        if (r.EnrolmentOpensAt is { } opens && r.EnrolmentClosesAt is { } closes && CatalogInput.ToUtc(closes) <= CatalogInput.ToUtc(opens))
        {
            errors.Add(new(nameof(r.EnrolmentClosesAt), "Offering.WindowInvalid"));
        }

        if (r.Status is OfferingStatus.Cancelled || (r.Status is { } st && !Enum.IsDefined(st)))
        {
            errors.Add(new(nameof(r.Status), "Offering.StatusInvalid"));
        }

        var instructors = (r.InstructorIds ?? []).Distinct().ToList();
        if (instructors.Count > 0 && await db.People.InScope(scope).CountAsync(p => instructors.Contains(p.Id), ct) != instructors.Count)
        {
            errors.Add(new(nameof(r.InstructorIds), "Offering.InstructorNotFound"));
        }

        switch (r.Eligibility ?? Catalog.Eligibility.Everyone)
        {
            case Catalog.Eligibility.OrganizationKinds when (r.OrganizationKinds ?? []).Count == 0:
                errors.Add(new(nameof(r.OrganizationKinds), "Offering.KindsRequired"));
                break;
            case Catalog.Eligibility.Organizations:
                var orgs = Chosen(r);
                if (orgs.Count == 0)
                {
                    errors.Add(new(nameof(r.Organizations), "Offering.OrganizationsRequired"));
                }
                else
                {
                    var ids = orgs.Select(o => o.OrganizationId!.Value).ToList();
                    if (await db.Organizations.CountAsync(o => ids.Contains(o.Id), ct) != ids.Count)
                    {
                        errors.Add(new(nameof(r.Organizations), "Offering.OrganizationNotFound"));
                    }

                    if (orgs.Any(o => o.SeatQuota is < 0))
                    {
                        errors.Add(new(nameof(r.Organizations), "Offering.QuotaInvalid"));
                    }
                    else if (r.Seats is { } seats && orgs.Sum(o => o.SeatQuota ?? 0) > seats)
                    {
                        errors.Add(new(nameof(r.Organizations), "Offering.QuotasAboveSeats", seats));
                    }
                }

                break;
            case Catalog.Eligibility.ProgrammeMembers when programmeId is null:
                errors.Add(new(nameof(r.Eligibility), "Offering.MembersNeedProgramme"));
                break;
            case var e when !Enum.IsDefined(e):
                errors.Add(new(nameof(r.Eligibility), "Offering.EligibilityInvalid"));
                break;
        }

        if (code is not null && await db.Offerings.AnyAsync(o => o.Code == code && o.Id != (id ?? 0), ct))
        {
            errors.Add(new(nameof(r.Code), "Catalog.CodeTaken", code));
        }
    }

    /// <summary>Copies the request onto the offering (tracked, with its instructors and rules loaded), keeping rows that did not change.</summary>
    public static void Apply(Offering o, IOfferingRequest r)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(r);
        o.Code = r.Code!.Trim();
        o.Title = r.Title!.Trim();
        o.StartsOn = r.StartsOn!.Value;
        o.EndsOn = r.EndsOn!.Value;
        o.Seats = r.Seats;
        o.Place = CatalogInput.Clean(r.Place, 300);
        o.EnrolmentOpensAt = r.EnrolmentOpensAt is { } opens ? CatalogInput.ToUtc(opens) : null;
        o.EnrolmentClosesAt = r.EnrolmentClosesAt is { } closes ? CatalogInput.ToUtc(closes) : null;
        o.ApprovalRequired = r.ApprovalRequired ?? false;
        if (o.Status != OfferingStatus.Cancelled)
        {
            o.Status = r.Status ?? OfferingStatus.Draft;
        }

        o.Eligibility = r.Eligibility ?? Eligibility.Everyone;

        var instructors = (r.InstructorIds ?? []).ToHashSet();
        o.Instructors.RemoveAll(i => !instructors.Contains(i.PersonId));
        foreach (var personId in instructors.Where(p => o.Instructors.TrueForAll(i => i.PersonId != p)))
        {
            o.Instructors.Add(new OfferingInstructor { PersonId = personId });
        }

        var kinds = o.Eligibility == Eligibility.OrganizationKinds ? (r.OrganizationKinds ?? []).ToHashSet() : [];
        var orgs = o.Eligibility == Eligibility.Organizations ? Chosen(r).ToDictionary(x => x.OrganizationId!.Value, x => x.SeatQuota) : [];
        o.EligibilityRules.RemoveAll(x => x.OrganizationKind is { } k ? !kinds.Contains(k) : !orgs.ContainsKey(x.OrganizationId!.Value));
        foreach (var k in kinds.Where(k => o.EligibilityRules.TrueForAll(x => x.OrganizationKind != k)))
        {
            o.EligibilityRules.Add(new EligibilityRule { OrganizationKind = k });
        }

        foreach (var (orgId, quota) in orgs)
        {
            var rule = o.EligibilityRules.Find(x => x.OrganizationId == orgId);
            if (rule is null)
            {
                o.EligibilityRules.Add(new EligibilityRule { OrganizationId = orgId, SeatQuota = quota });
            }
            else
            {
                rule.SeatQuota = quota;
            }
        }
    }

    /// <summary>The offering's confirmed count when it is above <paramref name="seats"/> (seats cannot drop below it), else null.</summary>
    private static async Task<int?> ConfirmedAboveAsync(TrainingHubDbContext db, int offeringId, int seats, CancellationToken ct)
    {
        var confirmed = await db.Offerings.AsNoTracking().Where(x => x.Id == offeringId).Select(x => x.ConfirmedCount).FirstOrDefaultAsync(ct);
        return confirmed > seats ? confirmed : null;
    }

    private static FieldError SeatsBelowConfirmed(int confirmed) => new(nameof(IOfferingRequest.Seats), "Offering.SeatsBelowConfirmed", confirmed);

    /// <summary>The organisations ticked on the form (rows without an organisation are the unticked ones), once each.</summary>
    public static List<EligibleOrganization> Chosen(IOfferingRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return (r.Organizations ?? []).Where(o => o.OrganizationId is not null).DistinctBy(o => o.OrganizationId).ToList();
    }

    public static async Task<Result<int>> SaveAsync(TrainingHubDbContext db, Offering o, string code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(o);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Offerings.AsNoTracking().AnyAsync(x => x.Code == code && x.Id != o.Id, ct))
            {
                return Error.Validation(nameof(IOfferingRequest.Code), "Catalog.CodeTaken", code);
            }

            // Enrolments confirmed between the check and the save: the database's seats check refused it.
            if (o.Id != 0 && o.Seats is { } seats && await ConfirmedAboveAsync(db, o.Id, seats, ct) is { } confirmed)
            {
                return Error.Validation([SeatsBelowConfirmed(confirmed)]);
            }

            throw;
        }

        return Result<int>.Ok(o.Id);
    }
}
