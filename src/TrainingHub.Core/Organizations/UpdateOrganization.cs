using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Organizations;

public sealed record UpdateOrganizationRequest(string? Name, string? Acronym, OrganizationKind? Kind, string? IbgeCode, string? State, string? Cnpj, int? ParentId);

/// <summary>
/// Corrects an organisation in the administrator's scope: name, acronym, kind, state, IBGE code, CNPJ and parent.
/// Moving it under another parent (in scope, never under itself or one of its own) rewrites the paths of its whole
/// subtree in one transaction, so scopes and reports follow at once. The organisation a scoped administrator is
/// scoped to keeps its parent. Audited: one entry per organisation changed.
/// </summary>
public static class UpdateOrganization
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int organizationId, UpdateOrganizationRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var org = scope.IsAdministrator ? await db.Organizations.InScope(scope).FirstOrDefaultAsync(o => o.Id == organizationId, ct) : null;
        if (org is null)
        {
            return Error.NotFound("OrganizationId", "Organization.NotFound");
        }

        var errors = new List<FieldError>();
        var name = OrganizationInput.Name(r.Name, nameof(r.Name), errors);
        SingleLine.Check(errors, nameof(r.Acronym), r.Acronym);
        if (r.Kind is null)
        {
            errors.Add(new(nameof(r.Kind), "Organization.KindRequired"));
        }

        var ibge = OrganizationInput.Ibge(r.IbgeCode, nameof(r.IbgeCode), errors);
        var state = OrganizationInput.State(r.State, nameof(r.State), errors);
        var cnpj = OrganizationInput.Cnpj(r.Cnpj, nameof(r.Cnpj), errors);

        string? parentPath = null;
        if (r.ParentId != org.ParentId)
        {
            if (scope.OrganizationPath == org.Path)
            {
                errors.Add(new(nameof(r.ParentId), "Organization.ScopeRootStays"));
            }
            else if (r.ParentId is { } parentId)
            {
                parentPath = await db.Organizations.InScope(scope).Where(o => o.Id == parentId).Select(o => o.Path).FirstOrDefaultAsync(ct);
                if (parentPath is null)
                {
                    errors.Add(new(nameof(r.ParentId), "Organization.NotFound"));
                }
                else if (parentPath.StartsWith(org.Path, StringComparison.Ordinal))
                {
                    errors.Add(new(nameof(r.ParentId), "Organization.ParentInsideItself"));
                }
            }
            else if (!scope.IsWholeInstallation)
            {
                errors.Add(new(nameof(r.ParentId), "Organization.ParentRequired"));
            }
        }

        if (errors.Count == 0 && ibge is not null && r.Kind == OrganizationKind.CityHall
            && await db.Organizations.AnyAsync(o => o.Id != organizationId && o.IbgeCode == ibge && o.Kind == OrganizationKind.CityHall, ct))
        {
            errors.Add(new(nameof(r.IbgeCode), "Organization.IbgeDuplicate", ibge));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        org.Name = name!;
        org.Acronym = string.IsNullOrWhiteSpace(r.Acronym) ? null : r.Acronym.Trim();
        org.Kind = r.Kind!.Value;
        org.IbgeCode = ibge;
        org.State = state;
        org.Cnpj = cnpj;
        if (r.ParentId != org.ParentId)
        {
            var oldPath = org.Path;
            var newPath = OrganizationPaths.For(org.Id, parentPath);
            var subtree = await db.Organizations.Where(o => o.Path.StartsWith(oldPath)).ToListAsync(ct);
            foreach (var o in subtree)
            {
                o.Path = newPath + o.Path[oldPath.Length..];
            }

            org.ParentId = r.ParentId;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<int>.Ok(org.Id);
    }
}
