using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// Who may see and act on a certificate: its holder (see and download), and administrators whose scope holds the
/// holder or the class's programme (see, download, revoke, reissue). Nothing about a certificate crosses that line.
/// </summary>
public static class CertificateAccess
{
    public static IQueryable<Certificate> AdministeredBy(this IQueryable<Certificate> certificates, TrainingHubDbContext db, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.IsAdministrator)
        {
            return certificates.Where(_ => false);
        }

        if (scope.OrganizationPath is not { } path)
        {
            return certificates;
        }

        var offerings = db.Offerings.InScope(scope).Select(o => o.Id);
        return certificates.Where(c => c.Person!.Organization!.Path.StartsWith(path)
            || (c.EnrolmentId != null && offerings.Contains(c.Enrolment!.OfferingId))
            || (c.OfferingId != null && offerings.Contains(c.OfferingId.Value)));
    }

    public static IQueryable<Certificate> VisibleTo(this IQueryable<Certificate> certificates, TrainingHubDbContext db, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var me = scope.PersonId ?? -1;
        if (!scope.IsAdministrator)
        {
            return certificates.Where(c => c.PersonId == me);
        }

        if (scope.OrganizationPath is not { } path)
        {
            return certificates;
        }

        var offerings = db.Offerings.InScope(scope).Select(o => o.Id);
        return certificates.Where(c => c.PersonId == me || c.Person!.Organization!.Path.StartsWith(path)
            || (c.EnrolmentId != null && offerings.Contains(c.Enrolment!.OfferingId))
            || (c.OfferingId != null && offerings.Contains(c.OfferingId.Value)));
    }
}
