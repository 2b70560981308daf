using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>An administrator's "issue now" for one class in scope: the job's own use case, limited to that class.</summary>
public static class IssueClassCertificates
{
    public static async Task<Result<IssueOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IssueSettings settings, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(settings);
        if (!scope.IsAdministrator || !await db.Offerings.OfType<CourseClass>().InScope(scope).AnyAsync(o => o.Id == offeringId, ct))
        {
            return Error.NotFound("OfferingId", "Offering.NotFound");
        }

        if (!settings.HasPublicUrl)
        {
            return IssueSettings.PublicUrlMissing;
        }

        return Result<IssueOutcome>.Ok(await IssueCertificates.HandleAsync(db, time, settings, offeringId, ct));
    }
}
