using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

public sealed record PeopleFilter(string? Search = null, int? OrganizationId = null, int Page = 1, int PageSize = 25);

public sealed record PersonRow(int Id, string Cpf, string FullName, string Email, string Organization, int OrganizationId, string? JobTitle);

/// <summary>People in the reader's scope, filtered and paged; CPF masked unless the reader may see it.</summary>
public static class ListPeople
{
    public static async Task<Page<PersonRow>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, PeopleFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var (page, size) = Page<PersonRow>.Clamp(f.Page, f.PageSize);
        var q = db.People.AsNoTracking().InScope(scope);
        if (f.OrganizationId is { } orgId)
        {
            q = q.Where(p => p.OrganizationId == orgId);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim();
            var digits = Cpf.Normalize(s);
            var key = NameKey.For(s);
            q = digits is not null
                ? q.Where(p => p.Cpf == digits)
                : q.Where(p => p.NameKey.Contains(key) || p.Email.ToLower().Contains(key));
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(p => p.NameKey).ThenBy(p => p.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(p => new { Row = new PersonRow(p.Id, p.Cpf, p.FullName, p.Email, p.Organization!.Name, p.OrganizationId, p.JobTitle), p.Organization.Path })
            .ToListAsync(ct);
        return new Page<PersonRow>(rows.Select(r => r.Row with { Cpf = scope.ShowCpf(r.Row.Cpf, r.Path) }).ToList(), page, size, total);
    }
}
