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

    /// <summary>Whether this reader may ask for full CPFs at all (administrators); which ones they get is <see cref="ShowCpf"/>'s rule.</summary>
    public bool MaySeeFullCpf => IsAdministrator;

    /// <summary>
    /// The one CPF rule, used by every page, API answer, export, PDF and email: full only to an administrator whose
    /// organisation scope holds the person (unscoped administrators hold everyone); masked for everyone else, auditors
    /// included, and for the participants a programme owner sees from outside their own scope.
    /// </summary>
    public bool MaySeeFullCpfOf(string personOrganizationPath) =>
        IsAdministrator && (OrganizationPath is not { } path || (personOrganizationPath ?? "").StartsWith(path, StringComparison.Ordinal));

    /// <summary>The person's CPF as this reader may see it (<see cref="MaySeeFullCpfOf"/>).</summary>
    public string ShowCpf(string cpf, string personOrganizationPath) => Common.Cpf.ForReport(cpf, MaySeeFullCpfOf(personOrganizationPath));
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
