using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Members;

/// <param name="Search">Part of the name, or a whole CPF.</param>
/// <param name="Organization">Part of the organisation's name, its acronym or its IBGE code.</param>
/// <param name="OrganizationId">One organisation (and those under it).</param>
/// <param name="WithoutAccount">Only members who have no account yet.</param>
public sealed record MemberFilter(string? Search = null, string? Organization = null, int? OrganizationId = null, bool WithoutAccount = false, int Page = 1, int PageSize = 25);

/// <param name="Cpf">Full or masked by the one CPF rule (<see cref="ReaderScope.ShowCpf"/>).</param>
public sealed record MemberRow(int PersonId, string FullName, string Cpf, int OrganizationId, string Organization, string? State, DateTime JoinedAt, bool HasAccount);

/// <param name="Members">Everyone in the programme, whatever the filter.</param>
/// <param name="WithoutAccount">Members who have no account and were not anonymised (whom "invite" reaches).</param>
public sealed record MemberList(Page<MemberRow> Page, int Members, int WithoutAccount);

/// <summary>
/// The members of a programme the reader may see (the programme-owner scope: its owner's administrators and auditors see
/// every member, whatever their organisation), filtered and paged; null when the programme is out of sight.
/// </summary>
public static class ListMembers
{
    public static async Task<MemberList?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, MemberFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(f);
        if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return null;
        }

        var all = db.ProgrammeMembers.AsNoTracking().Where(m => m.ProgrammeId == programmeId);
        var members = await all.CountAsync(ct);
        var withoutAccount = await all.CountAsync(m => m.Person!.AnonymizedAt == null && !db.Users.Any(u => u.PersonId == m.PersonId), ct);
        var q = await FilterAsync(db, all, f, ct);
        var (page, size) = Page<MemberRow>.Clamp(f.Page, f.PageSize);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(m => m.Person!.NameKey).ThenBy(m => m.PersonId)
            .Skip((page - 1) * size).Take(size)
            .Select(m => new
            {
                m.PersonId,
                m.Person!.FullName,
                m.Person.Cpf,
                m.Person.OrganizationId,
                Organization = m.Person.Organization!.Name,
                m.Person.Organization.State,
                m.Person.Organization.Path,
                m.JoinedAt,
                HasAccount = db.Users.Any(u => u.PersonId == m.PersonId),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new MemberRow(r.PersonId, r.FullName, scope.ShowCpf(r.Cpf, r.Path), r.OrganizationId, r.Organization, r.State,
            DateTime.SpecifyKind(r.JoinedAt, DateTimeKind.Utc), r.HasAccount)).ToList();
        return new MemberList(new Page<MemberRow>(items, page, size, total), members, withoutAccount);
    }

    private static async Task<IQueryable<ProgrammeMember>> FilterAsync(TrainingHubDbContext db, IQueryable<ProgrammeMember> q, MemberFilter f, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var text = f.Search.Trim();
            if (Cpf.Normalize(text) is { } cpf)
            {
                q = q.Where(m => m.Person!.Cpf == cpf);
            }
            else
            {
                var key = NameKey.For(text);
                q = q.Where(m => m.Person!.NameKey.Contains(key));
            }
        }

        if (f.OrganizationId is { } organizationId)
        {
            var path = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Path).SingleOrDefaultAsync(ct) ?? "-";
            q = q.Where(m => m.Person!.Organization!.Path.StartsWith(path));
        }

        if (!string.IsNullOrWhiteSpace(f.Organization))
        {
            var text = f.Organization.Trim();
            var key = NameKey.For(text);
            q = q.Where(m => m.Person!.Organization!.NameKey.Contains(key) || m.Person.Organization.Acronym == text || m.Person.Organization.IbgeCode == text);
        }

        if (f.WithoutAccount)
        {
            q = q.Where(m => m.Person!.AnonymizedAt == null && !db.Users.Any(u => u.PersonId == m.PersonId));
        }

        return q;
    }
}
