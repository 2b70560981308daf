using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

/// <summary>Who may enrol in an offering: everyone, organisation kinds, listed organisations (and those under them), or programme members.</summary>
public static class EligibilityCheck
{
    public sealed record PersonFacts(int PersonId, int OrganizationId, Organizations.OrganizationKind Kind, string OrganizationPath);

    public static async Task<PersonFacts?> FactsAsync(TrainingHubDbContext db, int personId, CancellationToken ct) =>
        await db.People.AsNoTracking().Where(p => p.Id == personId && p.AnonymizedAt == null)
            .Select(p => new PersonFacts(p.Id, p.OrganizationId, p.Organization!.Kind, p.Organization.Path))
            .FirstOrDefaultAsync(ct);

    /// <summary>Null when eligible; otherwise the message key saying why not.</summary>
    public static async Task<string?> WhyNotAsync(TrainingHubDbContext db, Offering offering, PersonFacts person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(person);
        switch (offering.Eligibility)
        {
            case Catalog.Eligibility.Everyone:
                return null;
            case Catalog.Eligibility.OrganizationKinds:
                return offering.EligibilityRules.Any(r => r.OrganizationKind == person.Kind) ? null : "Enrol.NotEligibleKind";
            case Catalog.Eligibility.Organizations:
                var ids = offering.EligibilityRules.Where(r => r.OrganizationId != null).Select(r => r.OrganizationId!.Value).ToHashSet();
                var ancestors = person.OrganizationPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);
                return ancestors.Any(ids.Contains) ? null : "Enrol.NotEligibleOrganization";
            case Catalog.Eligibility.ProgrammeMembers:
                return offering.ProgrammeId is { } programmeId
                    && await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == programmeId && m.PersonId == person.PersonId, ct)
                    ? null
                    : "Enrol.NotProgrammeMember";
            default:
                return "Enrol.NotEligibleOrganization";
        }
    }

    /// <summary>The same rule as a query, for listing what a person may enrol in.</summary>
    public static IQueryable<Offering> EligibleFor(this IQueryable<Offering> offerings, TrainingHubDbContext db, PersonFacts p)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(p);
        return offerings.Where(o =>
            o.Eligibility == Catalog.Eligibility.Everyone
            || (o.Eligibility == Catalog.Eligibility.OrganizationKinds && o.EligibilityRules.Any(r => r.OrganizationKind == p.Kind))
            || (o.Eligibility == Catalog.Eligibility.Organizations && o.EligibilityRules.Any(r => r.OrganizationId != null
                && p.OrganizationPath.Contains("/" + r.OrganizationId + "/")))
            || (o.Eligibility == Catalog.Eligibility.ProgrammeMembers && db.ProgrammeMembers.Any(m => m.ProgrammeId == o.ProgrammeId && m.PersonId == p.PersonId)));
    }
}

public static class EligiblePeople
{
    /// <summary>The ids of everyone who may enrol in the offering (for announcements), by the same rule as <see cref="EligibilityCheck"/>.</summary>
    public static async Task<IQueryable<int>> QueryAsync(TrainingHubDbContext db, Offering offering, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(offering);
        var people = db.People.Where(p => p.AnonymizedAt == null);
        switch (offering.Eligibility)
        {
            case Catalog.Eligibility.OrganizationKinds:
                var kinds = offering.EligibilityRules.Where(r => r.OrganizationKind != null).Select(r => r.OrganizationKind!.Value).ToList();
                return people.Where(p => kinds.Contains(p.Organization!.Kind)).Select(p => p.Id);
            case Catalog.Eligibility.Organizations:
                var roots = offering.EligibilityRules.Where(r => r.OrganizationId != null).Select(r => r.OrganizationId!.Value).ToList();
                var paths = await db.Organizations.Where(o => roots.Contains(o.Id)).Select(o => o.Path).ToListAsync(ct);
                var all = await db.Organizations.Select(o => new { o.Id, o.Path }).ToListAsync(ct);
                var ids = all.Where(o => paths.Any(p => o.Path.StartsWith(p, StringComparison.Ordinal))).Select(o => o.Id).ToList();
                return people.Where(p => ids.Contains(p.OrganizationId)).Select(p => p.Id);
            case Catalog.Eligibility.ProgrammeMembers:
                return db.ProgrammeMembers.Where(m => m.ProgrammeId == offering.ProgrammeId).Select(m => m.PersonId);
            default:
                return people.Select(p => p.Id);
        }
    }
}
