using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

/// <summary>The reader's own report subscriptions, active first, newest first, paged.</summary>
public static class ListReportSubscriptions
{
    public static async Task<Page<ReportSubscriptionModel>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, bool includeCancelled, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var (p, size) = Page<ReportSubscriptionModel>.Clamp(page, pageSize);
        var query = db.ReportSubscriptions.AsNoTracking().Where(s => s.UserId == scope.UserId && (includeCancelled || s.CancelledAt == null));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(s => s.CancelledAt != null).ThenByDescending(s => s.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var models = rows.Select(Model).ToList();
        var programmeIds = models.Select(m => m.Filters.ProgrammeId).OfType<int>().Distinct().ToList();
        var organizationIds = models.Select(m => m.Filters.OrganizationId).OfType<int>().Distinct().ToList();
        var offeringIds = models.Select(m => m.Filters.OfferingId).OfType<int>().Distinct().ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(x => programmeIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var organizations = await db.Organizations.AsNoTracking().Where(x => organizationIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var offerings = await db.Offerings.AsNoTracking().Where(x => offeringIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Code, ct);
        models = models.Select(m => m with
        {
            Programme = m.Filters.ProgrammeId is { } pid ? programmes.GetValueOrDefault(pid) : null,
            Organization = m.Filters.OrganizationId is { } oid ? organizations.GetValueOrDefault(oid) : null,
            Offering = m.Filters.OfferingId is { } cid ? offerings.GetValueOrDefault(cid) : null,
        }).ToList();
        return new Page<ReportSubscriptionModel>(models, p, size, total);
    }

    public static ReportSubscriptionModel Model(ReportSubscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Kind, ReportSubscriptionFilters.FromJson(s.FiltersJson), s.Email, s.Language, s.CreatedAt, s.CancelledAt);
    }
}
