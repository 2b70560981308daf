using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

public sealed record AccountRow(string Id, string Email, string DisplayName, string Roles, string? Scope, bool Locked);

/// <summary>Accounts in the administrator's scope (by their scope organisation or their person's organisation).</summary>
public static class ListAccounts
{
    public static async Task<Page<AccountRow>> HandleAsync(TrainingHubDbContext db, ReaderScope admin, TimeProvider time, string? search, int page, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (p, size) = Page<AccountRow>.Clamp(page, pageSize);
        var q = db.Users.AsNoTracking().InScope(admin);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToLower();
            q = q.Where(u => u.Email!.ToLower().Contains(s) || u.DisplayName.ToLower().Contains(s));
        }

        var now = time.GetUtcNow();
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(u => u.Email).Skip((p - 1) * size).Take(size)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                Scope = u.ScopeOrganization != null ? u.ScopeOrganization.Name : null,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToList(),
            })
            .ToListAsync(ct);
        return new Page<AccountRow>(
            rows.Select(r => new AccountRow(r.Id, r.Email ?? "", r.DisplayName, string.Join(", ", r.Roles.Order()), r.Scope, r.LockoutEnd > now)).ToList(),
            p, size, total);
    }
}
