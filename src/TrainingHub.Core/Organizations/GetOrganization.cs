using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Organizations;

public sealed record OrganizationDetails(int Id, string Name, string? Acronym, OrganizationKind Kind, string? IbgeCode, string? State, string? Cnpj,
    int? ParentId, string? Parent, string Path, int People, int Children)
{
    public UpdateOrganizationRequest ToForm() => new(Name, Acronym, Kind, IbgeCode, State, Cnpj, ParentId);
}

/// <summary>One organisation in the reader's scope, with its parent and how many people and organisations it holds directly.</summary>
public static class GetOrganization
{
    public static async Task<Result<OrganizationDetails>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int organizationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var o = await db.Organizations.AsNoTracking().InScope(scope).Where(x => x.Id == organizationId)
            .Select(x => new OrganizationDetails(x.Id, x.Name, x.Acronym, x.Kind, x.IbgeCode, x.State, x.Cnpj, x.ParentId, x.Parent != null ? x.Parent.Name : null, x.Path,
                db.People.Count(p => p.OrganizationId == x.Id), db.Organizations.Count(c => c.ParentId == x.Id)))
            .FirstOrDefaultAsync(ct);
        return o is null ? Error.NotFound("OrganizationId", "Organization.NotFound") : Result<OrganizationDetails>.Ok(o);
    }
}
