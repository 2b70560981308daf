using TrainingHub.Core.Organizations;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Who is reading and what they may see. An administrator or auditor scoped to an organisation sees that
/// organisation and those under it (a prefix match on the materialised path); unscoped ones see everything.
/// </summary>
public sealed record ReaderScope(string UserId, int? PersonId, IReadOnlySet<string> Roles, int? OrganizationId, string? OrganizationPath)
{
    public bool IsAdministrator => Roles.Contains(Accounts.Roles.Administrator);
    public bool IsAuditor => Roles.Contains(Accounts.Roles.Auditor);
    public bool IsInstructor => Roles.Contains(Accounts.Roles.Instructor);
    public bool IsTrainee => Roles.Contains(Accounts.Roles.Trainee);
    public bool IsWholeInstallation => OrganizationPath is null;

    /// <summary>Administrators may see full CPFs of the people in their scope; everyone else sees them masked.</summary>
    public bool MaySeeFullCpf => IsAdministrator;

    public string ShowCpf(string cpf) => Common.Cpf.ForReport(cpf, MaySeeFullCpf);
}

public static class ScopeQueries
{
    public static IQueryable<Organization> InScope(this IQueryable<Organization> organizations, ReaderScope scope) =>
        scope.OrganizationPath is { } path ? organizations.Where(o => o.Path.StartsWith(path)) : organizations;

    public static IQueryable<Person> InScope(this IQueryable<Person> people, ReaderScope scope) =>
        scope.OrganizationPath is { } path ? people.Where(p => p.Organization!.Path.StartsWith(path)) : people;
}

public static class AccountScopeQueries
{
    /// <summary>
    /// Accounts an administrator may manage: those whose organisation is in their scope. Unscoped accounts (the
    /// whole installation) are managed only by unscoped administrators.
    /// </summary>
    public static IQueryable<ApplicationUser> InScope(this IQueryable<ApplicationUser> users, ReaderScope scope) =>
        scope.OrganizationPath is { } path
            ? users.Where(u => u.ScopeOrganization != null && u.ScopeOrganization.Path.StartsWith(path))
            : users;
}
