using TrainingHub.Core.Accounts;

namespace TrainingHub.Core.Catalog;

/// <summary>
/// What of the catalogue a reader may see: a scoped administrator or auditor sees programmes owned by organisations
/// in their scope and the courses and offerings of those programmes; courses and offerings with no programme are
/// seen only by unscoped readers.
/// </summary>
public static class CatalogScope
{
    public static IQueryable<Programme> InScope(this IQueryable<Programme> programmes, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.OrganizationPath is { } path ? programmes.Where(p => p.OwnerOrganization!.Path.StartsWith(path)) : programmes;
    }

    public static IQueryable<Course> InScope(this IQueryable<Course> courses, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.OrganizationPath is { } path
            ? courses.Where(c => c.ProgrammeId != null && c.Programme!.OwnerOrganization!.Path.StartsWith(path))
            : courses;
    }

    public static IQueryable<T> InScope<T>(this IQueryable<T> offerings, ReaderScope scope)
        where T : Offering
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.OrganizationPath is { } path
            ? offerings.Where(o => o.ProgrammeId != null && o.Programme!.OwnerOrganization!.Path.StartsWith(path))
            : offerings;
    }

    public static IQueryable<Session> InScope(this IQueryable<Session> sessions, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.OrganizationPath is { } path
            ? sessions.Where(s => s.Offering!.ProgrammeId != null && s.Offering.Programme!.OwnerOrganization!.Path.StartsWith(path))
            : sessions;
    }
}
