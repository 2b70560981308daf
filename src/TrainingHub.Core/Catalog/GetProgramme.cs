using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

public sealed record ProgrammeDetail(int Id, string Code, string Name, string? Description, int OwnerOrganizationId, string Owner,
    int? TargetMinutes, [property: JsonConverter(typeof(JsonStringEnumConverter))] TargetPeriod TargetPeriod, DateOnly? StartsOn, DateOnly? EndsOn, bool IsActive, int Members)
{
    /// <summary>The detail as the edit form's request (hours written back the way people type them).</summary>
    public ProgrammeRequest ToRequest() =>
        new(Code, Name, Description, OwnerOrganizationId, CatalogInput.FormatHours(TargetMinutes), TargetPeriod, StartsOn, EndsOn, IsActive);
}

/// <summary>One programme the reader may see; null when it does not exist or is outside their scope.</summary>
public static class GetProgramme
{
    public static Task<ProgrammeDetail?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Programmes.AsNoTracking().InScope(scope).Where(p => p.Id == id)
            .Select(p => new ProgrammeDetail(p.Id, p.Code, p.Name, p.Description, p.OwnerOrganizationId, p.OwnerOrganization!.Name,
                p.TargetMinutes, p.TargetPeriod, p.StartsOn, p.EndsOn, p.IsActive, p.Members.Count))
            .SingleOrDefaultAsync(ct);
    }
}
