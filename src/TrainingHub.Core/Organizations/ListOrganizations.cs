using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Organizations;

public sealed record OrganizationFilter(string? Search = null, OrganizationKind? Kind = null, int Page = 1, int PageSize = 25);

public sealed record OrganizationRow(int Id, string Name, string? Acronym, OrganizationKind Kind, string? IbgeCode, string? Parent, int People);

/// <summary>Organisations in the reader's scope, filtered and paged, with how many people each has.</summary>
public static class ListOrganizations
{
    public static async Task<Page<OrganizationRow>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, OrganizationFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var (page, size) = Page<OrganizationRow>.Clamp(f.Page, f.PageSize);
        var q = db.Organizations.AsNoTracking().InScope(scope);
        if (f.Kind is { } kind)
        {
            q = q.Where(o => o.Kind == kind);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = NameKey.For(f.Search);
            q = q.Where(o => o.NameKey.Contains(s) || (o.Acronym != null && o.Acronym.ToLower().Contains(s)) || o.IbgeCode == s);
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(o => o.NameKey).ThenBy(o => o.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(o => new OrganizationRow(o.Id, o.Name, o.Acronym, o.Kind, o.IbgeCode, o.Parent != null ? o.Parent.Name : null,
                db.People.Count(p => p.OrganizationId == o.Id)))
            .ToListAsync(ct);
        return new Page<OrganizationRow>(rows, page, size, total);
    }

    /// <summary>Id and name of every organisation in scope, for pickers.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> OptionsAsync(TrainingHubDbContext db, ReaderScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Organizations.AsNoTracking().InScope(scope).OrderBy(o => o.NameKey)
            .Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }
}
