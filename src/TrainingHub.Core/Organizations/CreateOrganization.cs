using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Organizations;

public sealed record CreateOrganizationRequest(string? Name, string? Acronym, OrganizationKind? Kind, string? IbgeCode, string? State, int? ParentId);

/// <summary>Adds an organisation under one the administrator may manage (a scoped administrator must give a parent).</summary>
public static class CreateOrganization
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CreateOrganizationRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<FieldError>();
        var name = OrganizationInput.Name(r.Name, nameof(r.Name), errors);
        SingleLine.Check(errors, nameof(r.Acronym), r.Acronym);

        if (r.Kind is null)
        {
            errors.Add(new(nameof(r.Kind), "Organization.KindRequired"));
        }

        var ibge = OrganizationInput.Ibge(r.IbgeCode, nameof(r.IbgeCode), errors);
        var state = OrganizationInput.State(r.State, nameof(r.State), errors);

        string? parentPath = null;
        if (r.ParentId is { } parentId)
        {
            parentPath = await db.Organizations.InScope(scope).Where(o => o.Id == parentId).Select(o => o.Path).FirstOrDefaultAsync(ct);
            if (parentPath is null)
            {
                errors.Add(new(nameof(r.ParentId), "Organization.NotFound"));
            }
        }
        else if (!scope.IsWholeInstallation)
        {
            errors.Add(new(nameof(r.ParentId), "Organization.ParentRequired"));
        }

        if (errors.Count == 0 && ibge is not null && r.Kind == OrganizationKind.CityHall && await db.Organizations.AnyAsync(o => o.IbgeCode == ibge && o.Kind == OrganizationKind.CityHall, ct))
        {
            errors.Add(new(nameof(r.IbgeCode), "Organization.IbgeDuplicate", ibge));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var org = new Organization
        {
            Name = name!,
            Acronym = string.IsNullOrWhiteSpace(r.Acronym) ? null : r.Acronym.Trim(),
            Kind = r.Kind!.Value,
            IbgeCode = ibge,
            State = state,
            ParentId = r.ParentId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Organizations.Add(org);
        await db.SaveChangesAsync(ct);
        org.Path = OrganizationPaths.For(org.Id, parentPath);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<int>.Ok(org.Id);
    }
}
