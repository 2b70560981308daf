using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Certificates;

/// <summary>
/// An administrator's "issue now" for one class in scope, once the class has ended: the job's own use case, limited to
/// that class. For a webinar series, meeting or event, its participation certificates (<see cref="IssueParticipationCertificates"/>).
/// </summary>
public static class IssueClassCertificates
{
    public static async Task<Result<IssueOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IssueSettings settings, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(settings);
        if (await db.WebinarSeries.AnyAsync(w => w.Id == offeringId, ct))
        {
            return await IssueParticipationCertificates.ForSeriesAsync(db, scope, time, settings, offeringId, ct);
        }

        if (!scope.IsAdministrator || !await db.Offerings.OfType<CourseClass>().InScope(scope).AnyAsync(o => o.Id == offeringId, ct))
        {
            return Error.NotFound("OfferingId", "Offering.NotFound");
        }

        if (!settings.HasPublicUrl)
        {
            return IssueSettings.PublicUrlMissing;
        }

        // The future cannot be certified: a class is certified once it has ended (its last day, and its last session over).
        var now = time.GetUtcNow().UtcDateTime;
        var end = await db.Offerings.AsNoTracking().Where(o => o.Id == offeringId).Select(o => new
        {
            o.EndsOn,
            LastSession = o.Sessions.Where(s => s.Status != SessionStatus.Cancelled).Max(s => (DateTime?)s.EndsAt),
        }).SingleAsync(ct);
        if (end.EndsOn > SaoPaulo.Today(time) || end.LastSession > now)
        {
            var ends = end.LastSession is { } last && SaoPaulo.ToLocal(last) > end.EndsOn.ToDateTime(TimeOnly.MinValue) ? SaoPaulo.FormatDateTime(last) : SaoPaulo.FormatDate(end.EndsOn);
            return Error.TooEarly("OfferingId", "Certificate.ClassNotEnded", ends);
        }

        return Result<IssueOutcome>.Ok(await IssueCertificates.HandleAsync(db, time, settings, offeringId, ct));
    }
}
