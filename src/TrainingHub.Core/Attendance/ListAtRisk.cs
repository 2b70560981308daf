using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

public sealed record AtRiskFilter(AtRiskCondition? Condition = null, string? Search = null, bool IncludeResolved = false, int Page = 1, int PageSize = 25);

public sealed record AtRiskRow(int Id, int EnrolmentId, int PersonId, string Person, string Organization, string? Manager, int OfferingId, string Offering,
    AtRiskCondition Condition, string Detail, DateTime RaisedAt, DateTime? ResolvedAt);

/// <summary>
/// The administrator's at-risk list: flags of people in the reader's scope (organisation subtree), active ones by
/// default, filtered by condition and by person or class, newest first, paged.
/// </summary>
public static class ListAtRisk
{
    public static async Task<Page<AtRiskRow>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, AtRiskFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(f);
        var (page, size) = Page<AtRiskRow>.Clamp(f.Page, f.PageSize);
        var q = db.AtRiskFlags.AsNoTracking();
        if (scope.OrganizationPath is { } path)
        {
            q = q.Where(x => x.Person!.Organization!.Path.StartsWith(path));
        }

        if (!f.IncludeResolved)
        {
            q = q.Where(x => x.ResolvedAt == null);
        }

        if (f.Condition is { } condition)
        {
            q = q.Where(x => x.Condition == condition);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var key = NameKey.For(f.Search);
            var text = f.Search.Trim();
            q = q.Where(x => x.Person!.NameKey.Contains(key) || x.Enrolment!.Offering!.Title.Contains(text) || x.Enrolment.Offering.Code.Contains(text));
        }

        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(x => x.RaisedAt).ThenBy(x => x.Id).Skip((page - 1) * size).Take(size)
            .Select(x => new AtRiskRow(x.Id, x.EnrolmentId, x.PersonId, x.Person!.FullName, x.Person.Organization!.Name,
                x.Person.Manager != null ? x.Person.Manager.FullName : null, x.OfferingId, x.Enrolment!.Offering!.Title,
                x.Condition, x.Detail, x.RaisedAt, x.ResolvedAt))
            .ToListAsync(ct);
        return new Page<AtRiskRow>(items, page, size, total);
    }

    /// <summary>Active flags of a class, by person (for the instructor's roster).</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<AtRiskCondition>>> ForOfferingAsync(TrainingHubDbContext db, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.AtRiskFlags.AsNoTracking().Where(x => x.OfferingId == offeringId && x.ResolvedAt == null)
            .Select(x => new { x.PersonId, x.Condition }).ToListAsync(ct);
        return rows.GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => (IReadOnlyList<AtRiskCondition>)g.Select(x => x.Condition).Order().ToList());
    }
}
