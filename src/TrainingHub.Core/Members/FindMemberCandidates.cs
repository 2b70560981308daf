using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Members;

/// <param name="Cpf">Full or masked by the one CPF rule.</param>
public sealed record MemberCandidate(int PersonId, string FullName, string Cpf, string Organization, string? State);

/// <summary>
/// The person picker of a programme's member list: people who are not members yet, found by a whole CPF or by at least
/// three letters of their name, from any organisation (programmes train others than their owner), at most
/// <see cref="MaxResults"/>, anonymised people never. Only for administrators of the programme's owner.
/// </summary>
public static class FindMemberCandidates
{
    public const int MaxResults = 20;
    public const int MinLetters = 3;

    public static async Task<IReadOnlyList<MemberCandidate>?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, string? search, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (!scope.IsAdministrator || !await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return null;
        }

        var text = search?.Trim() ?? "";
        var people = db.People.AsNoTracking().Where(p => p.AnonymizedAt == null && !db.ProgrammeMembers.Any(m => m.ProgrammeId == programmeId && m.PersonId == p.Id));
        if (Cpf.Normalize(text) is { } cpf)
        {
            people = people.Where(p => p.Cpf == cpf);
        }
        else if (NameKey.For(text) is { Length: >= MinLetters } key)
        {
            people = people.Where(p => p.NameKey.Contains(key));
        }
        else
        {
            return [];
        }

        var rows = await people.OrderBy(p => p.NameKey).ThenBy(p => p.Id).Take(MaxResults)
            .Select(p => new { p.Id, p.FullName, p.Cpf, Organization = p.Organization!.Name, p.Organization.State, p.Organization.Path })
            .ToListAsync(ct);
        return rows.Select(r => new MemberCandidate(r.Id, r.FullName, scope.ShowCpf(r.Cpf, r.Path), r.Organization, r.State)).ToList();
    }
}
