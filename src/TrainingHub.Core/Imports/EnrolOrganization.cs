using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Imports;

public sealed record EnrolOrganizationRequest(int OfferingId, int OrganizationId, bool IncludeSubOrganizations = false);

/// <param name="People">People of the organisation(s) considered.</param>
/// <param name="Skipped">Already enrolled (and left as they were).</param>
/// <param name="Ineligible">Not eligible for the offering: not enrolled.</param>
public sealed record EnrolOrganizationReport(
    int People, int Confirmed, int Waitlisted, int AwaitingApproval, int Skipped, int Ineligible, IReadOnlyDictionary<string, int> IneligibleReasons)
{
    /// <summary>When the organisation's people without an account were invited in the same step: what that did.</summary>
    public InvitationReport? Invitations { get; init; }
}

/// <summary>
/// Enrols every eligible person of an organisation in the administrator's scope (optionally with the organisations
/// under it) in one offering, all or nothing, through <see cref="EnrolInOffering"/>: seats in order of registration,
/// then the waitlist. People already enrolled are skipped; ineligible people are counted with their reason.
/// </summary>
public static class EnrolOrganization
{
    public static async Task<Result<EnrolOrganizationReport>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, EnrolOrganizationRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        var org = scope.IsAdministrator
            ? await db.Organizations.AsNoTracking().InScope(scope).Where(o => o.Id == r.OrganizationId).Select(o => new { o.Id, o.Path }).FirstOrDefaultAsync(ct)
            : null;
        if (org is null)
        {
            return Error.NotFound(nameof(r.OrganizationId), "Organization.NotFound");
        }

        var offering = await db.Offerings.AsNoTracking().InScope(scope).Include(o => o.EligibilityRules).FirstOrDefaultAsync(o => o.Id == r.OfferingId, ct);
        if (offering is null)
        {
            return Error.NotFound(nameof(r.OfferingId), "Offering.NotFound");
        }

        if (EnrolInOffering.WhyClosed(offering, time.GetUtcNow().UtcDateTime, SaoPaulo.Today(time)) is { } closed)
        {
            return EnrolInOffering.Refusal(nameof(r.OfferingId), closed);
        }

        var people = await db.People.AsNoTracking().InScope(scope)
            .Where(p => p.AnonymizedAt == null && (r.IncludeSubOrganizations ? p.Organization!.Path.StartsWith(org.Path) : p.OrganizationId == org.Id))
            .OrderBy(p => p.Id)
            .Select(p => new EligibilityCheck.PersonFacts(p.Id, p.OrganizationId, p.Organization!.Kind, p.Organization.Path))
            .ToListAsync(ct);
        var enrolled = (await db.Enrolments.AsNoTracking()
            .Where(e => e.OfferingId == offering.Id && EnrolmentStatuses.Enrolled.Contains(e.Status)
                && (r.IncludeSubOrganizations ? e.Person!.Organization!.Path.StartsWith(org.Path) : e.Person!.OrganizationId == org.Id))
            .Select(e => e.PersonId).ToListAsync(ct)).ToHashSet();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var toEnrol = new List<int>();
        foreach (var person in people)
        {
            if (enrolled.Contains(person.PersonId))
            {
                continue;
            }

            if (await EligibilityCheck.WhyNotAsync(db, offering, person, ct) is { } why)
            {
                reasons[why] = reasons.GetValueOrDefault(why) + 1;
            }
            else
            {
                toEnrol.Add(person.PersonId);
            }
        }

        var tally = new EnrolmentTally();
        var skippedBefore = people.Count(p => enrolled.Contains(p.PersonId));
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // All or nothing: a failed save ends the whole transaction, so per-save savepoints would only cost round trips.
        db.Database.AutoSavepointsEnabled = false;
        foreach (var personId in toEnrol)
        {
            var result = await EnrolInOffering.HandleAsync(db, scope, time, new EnrolRequest(offering.Id, personId), ct);
            db.ChangeTracker.Clear();
            if (!result.Succeeded)
            {
                await tx.RollbackAsync(ct);
                return result.Error!;
            }

            tally.Add(result.Value!);
        }

        await tx.CommitAsync(ct);
        return Result<EnrolOrganizationReport>.Ok(new EnrolOrganizationReport(people.Count, tally.Confirmed, tally.Waitlisted, tally.AwaitingApproval, skippedBefore + tally.AlreadyEnrolled, reasons.Values.Sum(), reasons));
    }
}

/// <summary>Choices for the enrol-an-organisation form.</summary>
public static class EnrolOrganizationOptions
{
    /// <summary>Offerings taking enrolments now (published, window open, not ended), soonest first.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> OpenOfferingsAsync(TrainingHubDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var today = SaoPaulo.Today(time);
        var rows = await db.Offerings.AsNoTracking()
            .Where(o => o.Status == Catalog.OfferingStatus.Published && o.EndsOn >= today
                && (o.EnrolmentOpensAt == null || o.EnrolmentOpensAt <= now) && (o.EnrolmentClosesAt == null || o.EnrolmentClosesAt > now))
            .OrderBy(o => o.StartsOn).ThenBy(o => o.Code).Take(500)
            .Select(o => new { o.Id, o.Code, o.Title }).ToListAsync(ct);
        return rows.Select(r => (r.Id, $"{r.Code} · {r.Title}")).ToList();
    }
}
