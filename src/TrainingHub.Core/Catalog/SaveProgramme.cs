using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>A programme as a form or API client sends it. Target hours are text: "48", "7,5" or "7.5".</summary>
public sealed record ProgrammeRequest(
    string? Code, string? Name, string? Description, int? OwnerOrganizationId, string? TargetHours, [property: JsonConverter(typeof(JsonStringEnumConverter))] TargetPeriod? TargetPeriod,
    DateOnly? StartsOn, DateOnly? EndsOn, bool? IsActive);

/// <summary>
/// Creates a programme (id null) or changes one the administrator may see. The owner must be an organisation in
/// their scope. Field errors name what to fix; nothing is saved then. A programme outside the scope is "not found".
/// </summary>
public static class SaveProgramme
{
    public const string NotFound = "Programme.NotFound";

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int? id, ProgrammeRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        Programme? programme = null;
        if (id is { } existing)
        {
            programme = await db.Programmes.InScope(scope).SingleOrDefaultAsync(p => p.Id == existing, ct);
            if (programme is null)
            {
                return Error.NotFound("", NotFound);
            }
        }

        var errors = new List<FieldError>();
        var code = CatalogInput.Required(errors, nameof(r.Code), r.Code, 40, "Catalog.CodeRequired");
        var name = CatalogInput.Required(errors, nameof(r.Name), r.Name, 200, "Programme.NameRequired");
        var description = CatalogInput.Optional(errors, nameof(r.Description), r.Description, 4000, multiline: true);
        if (r.OwnerOrganizationId is not { } ownerId || !await db.Organizations.InScope(scope).AnyAsync(o => o.Id == ownerId, ct))
        {
            errors.Add(new(nameof(r.OwnerOrganizationId), "Programme.OwnerNotFound"));
        }

        int? target = null;
        if (!string.IsNullOrWhiteSpace(r.TargetHours))
        {
            target = CatalogInput.ParseHours(r.TargetHours);
            if (target is not > 0)
            {
                errors.Add(new(nameof(r.TargetHours), "Catalog.HoursInvalid", r.TargetHours));
            }
        }

        if (r.StartsOn is { } s && r.EndsOn is { } e && e < s)
        {
            errors.Add(new(nameof(r.EndsOn), "Catalog.EndBeforeStart"));
        }
        else if (id is { } changed)
        {
            await CatalogPeriods.CheckProgrammeAsync(db, changed, r.StartsOn, r.EndsOn, errors, ct);
        }

        if (code is not null && await db.Programmes.AnyAsync(p => p.Code == code && p.Id != (id ?? 0), ct))
        {
            errors.Add(new(nameof(r.Code), "Catalog.CodeTaken", code));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        programme ??= db.Programmes.Add(new Programme { Code = code!, Name = name!, CreatedAt = time.GetUtcNow().UtcDateTime }).Entity;
        programme.Code = code!;
        programme.Name = name!;
        programme.Description = description;
        programme.OwnerOrganizationId = r.OwnerOrganizationId!.Value;
        programme.TargetMinutes = target;
        programme.TargetPeriod = r.TargetPeriod ?? TargetPeriod.Year;
        programme.StartsOn = r.StartsOn;
        programme.EndsOn = r.EndsOn;
        programme.IsActive = r.IsActive ?? true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request took the code between our check and our save: the unique index said no.
            db.ChangeTracker.Clear();
            if (await db.Programmes.AsNoTracking().AnyAsync(p => p.Code == code && p.Id != (id ?? 0), ct))
            {
                return Error.Validation(nameof(r.Code), "Catalog.CodeTaken", code!);
            }

            throw;
        }

        return Result<int>.Ok(programme.Id);
    }
}
