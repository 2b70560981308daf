using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <param name="Status">Null: every confirmed request (unconfirmed ones are nobody's business yet).</param>
public sealed record RegistrationFilter(int? OrganizationId = null, RegistrationStatus? Status = RegistrationStatus.AwaitingApproval, string? Search = null, int Page = 1, int PageSize = 25);

/// <param name="Cpf">As the reader may see it (<see cref="ReaderScope.ShowCpf"/>).</param>
/// <param name="RecordName">The name of the person the CPF matched, when there is one (the account keeps it).</param>
public sealed record RegistrationRow(int Id, string FullName, string Email, string Cpf, string Organization, RegistrationStatus Status, DateTime CreatedAt, DateTime? ConfirmedAt,
    int? PersonId, string? RecordName, bool EmailDiffers, DateTime? DecidedAt, string? RefusalReason);

/// <summary>
/// Confirmed self-registration requests whose organisation is in the reader's scope (and under the organisation
/// chosen), by status and by name or e-mail, oldest waiting first.
/// </summary>
public static class ListRegistrations
{
    public static async Task<Page<RegistrationRow>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, RegistrationFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(f);
        var (page, size) = Page<RegistrationRow>.Clamp(f.Page, f.PageSize);
        var q = db.RegistrationRequests.AsNoTracking().Where(r => r.Status != RegistrationStatus.Unconfirmed);
        if (scope.OrganizationPath is { } path)
        {
            q = q.Where(r => r.Organization!.Path.StartsWith(path));
        }

        if (f.OrganizationId is { } orgId)
        {
            var orgPath = await db.Organizations.AsNoTracking().Where(o => o.Id == orgId).Select(o => o.Path).FirstOrDefaultAsync(ct) ?? "\u0000";
            q = q.Where(r => r.Organization!.Path.StartsWith(orgPath));
        }

        if (f.Status is { } status)
        {
            q = q.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var key = NameKey.For(f.Search.Trim());
            var lower = f.Search.Trim().ToLowerInvariant();
            q = q.Where(r => r.FullName.ToLower().Contains(lower) || r.Email.ToLower().Contains(lower) || db.People.Any(p => p.Id == r.PersonId && p.NameKey.Contains(key)));
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(r => r.ConfirmedAt).ThenBy(r => r.Id).Skip((page - 1) * size).Take(size)
            .Select(r => new
            {
                r.Id,
                r.FullName,
                r.Email,
                r.Cpf,
                Organization = r.Organization!.Name,
                OrganizationPath = r.Organization.Path,
                r.Status,
                r.CreatedAt,
                r.ConfirmedAt,
                r.PersonId,
                RecordName = db.People.Where(p => p.Id == r.PersonId).Select(p => p.FullName).FirstOrDefault(),
                r.EmailDiffers,
                r.DecidedAt,
                r.RefusalReason,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new RegistrationRow(r.Id, r.FullName, r.Email, scope.ShowCpf(r.Cpf, r.OrganizationPath), r.Organization, r.Status, r.CreatedAt, r.ConfirmedAt,
            r.PersonId, r.RecordName, r.EmailDiffers, r.DecidedAt, r.RefusalReason)).ToList();
        return new Page<RegistrationRow>(items, page, size, total);
    }
}
