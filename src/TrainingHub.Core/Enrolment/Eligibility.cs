using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Enrolment;

/// <summary>
/// Who may enrol in an offering: everyone, organisation kinds, listed organisations (and those under them), or programme
/// members. The rule is written once, as <see cref="Rule"/>; one person's check runs it in memory, and the catalogue and
/// the announcements run it in the database.
/// </summary>
public static class EligibilityCheck
{
    public sealed record PersonFacts(int PersonId, int OrganizationId, OrganizationKind Kind, string OrganizationPath);

    /// <summary>
    /// May a person enrol in the offering, given their organisation's kind, its path ("/1/5/9/", itself and those above
    /// it) and whether they are a member of the offering's programme.
    /// </summary>
    public static readonly Expression<Func<Offering, OrganizationKind, string, bool, bool>> Rule = (o, kind, path, isProgrammeMember) =>
        o.Eligibility == Catalog.Eligibility.Everyone
        || (o.Eligibility == Catalog.Eligibility.OrganizationKinds && o.EligibilityRules.Any(r => r.OrganizationKind == kind))
        || (o.Eligibility == Catalog.Eligibility.Organizations && o.EligibilityRules.Any(r => r.OrganizationId != null && path.Contains("/" + r.OrganizationId + "/")))
        || (o.Eligibility == Catalog.Eligibility.ProgrammeMembers && isProgrammeMember);

    private static readonly Func<Offering, OrganizationKind, string, bool, bool> Decide = Rule.Compile();

    public static async Task<PersonFacts?> FactsAsync(TrainingHubDbContext db, int personId, CancellationToken ct) =>
        await db.People.AsNoTracking().Where(p => p.Id == personId && p.AnonymizedAt == null)
            .Select(p => new PersonFacts(p.Id, p.OrganizationId, p.Organization!.Kind, p.Organization.Path))
            .FirstOrDefaultAsync(ct);

    /// <summary>Null when eligible; otherwise the message key saying why not. The offering's eligibility rules must be loaded.</summary>
    public static string? WhyNot(Offering offering, PersonFacts person, bool isProgrammeMember)
    {
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(person);
        return Decide(offering, person.Kind, person.OrganizationPath, isProgrammeMember)
            ? null
            : offering.Eligibility switch
            {
                Catalog.Eligibility.OrganizationKinds => "Enrol.NotEligibleKind",
                Catalog.Eligibility.ProgrammeMembers => "Enrol.NotProgrammeMember",
                _ => "Enrol.NotEligibleOrganization",
            };
    }

    /// <summary><see cref="WhyNot"/>, asking the database about programme membership only when the offering needs it.</summary>
    public static async Task<string?> WhyNotAsync(TrainingHubDbContext db, Offering offering, PersonFacts person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(offering);
        ArgumentNullException.ThrowIfNull(person);
        var isMember = offering.Eligibility == Catalog.Eligibility.ProgrammeMembers && offering.ProgrammeId is { } programmeId
            && await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == programmeId && m.PersonId == person.PersonId, ct);
        return WhyNot(offering, person, isMember);
    }

    /// <summary>The offerings a person may enrol in, by <see cref="Rule"/> in the database.</summary>
    public static IQueryable<Offering> EligibleFor(this IQueryable<Offering> offerings, TrainingHubDbContext db, PersonFacts p)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(p);
        Expression<Func<Offering, bool>> isMember = o => db.ProgrammeMembers.Any(m => m.ProgrammeId == o.ProgrammeId && m.PersonId == p.PersonId);
        Expression<Func<OrganizationKind>> kind = () => p.Kind;
        Expression<Func<string>> path = () => p.OrganizationPath;
        var o = isMember.Parameters[0];
        return offerings.Where(Expression.Lambda<Func<Offering, bool>>(Apply(o, kind.Body, path.Body, isMember.Body), o));
    }

    /// <summary>Everyone (not anonymized) who may enrol in the offering, by <see cref="Rule"/> in the database: for announcements.</summary>
    public static IQueryable<int> EligiblePeople(TrainingHubDbContext db, int offeringId)
    {
        ArgumentNullException.ThrowIfNull(db);
        Expression<Func<Person, Offering, bool>> isMember = (p, o) => db.ProgrammeMembers.Any(m => m.ProgrammeId == o.ProgrammeId && m.PersonId == p.Id);
        Expression<Func<Person, OrganizationKind>> kind = p => p.Organization!.Kind;
        Expression<Func<Person, string>> path = p => p.Organization!.Path;
        Expression<Func<IQueryable<Offering>>> offering = () => db.Offerings.Where(x => x.Id == offeringId);
        var (person, o) = (isMember.Parameters[0], isMember.Parameters[1]);
        var rule = Expression.Lambda<Func<Offering, bool>>(
            Apply(o, Swap(kind.Body, kind.Parameters[0], person), Swap(path.Body, path.Parameters[0], person), isMember.Body), o);
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(Offering)], offering.Body, Expression.Quote(rule));
        return db.People.Where(x => x.AnonymizedAt == null).Where(Expression.Lambda<Func<Person, bool>>(any, person)).Select(x => x.Id);
    }

    /// <summary>The rule's body with its four parameters replaced by the given expressions.</summary>
    private static Expression Apply(Expression offering, Expression kind, Expression path, Expression isProgrammeMember)
    {
        var body = Swap(Rule.Body, Rule.Parameters[0], offering);
        body = Swap(body, Rule.Parameters[1], kind);
        body = Swap(body, Rule.Parameters[2], path);
        return Swap(body, Rule.Parameters[3], isProgrammeMember);
    }

    private static Expression Swap(Expression body, ParameterExpression from, Expression to) => new Swapper(from, to).Visit(body);

    private sealed class Swapper(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
