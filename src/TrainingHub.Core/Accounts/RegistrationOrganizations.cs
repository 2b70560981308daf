using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

public sealed record RegistrationOrganization(int Id, string Name, string? Acronym, string? State);

/// <summary>
/// The organisations the public page offers: active ones of the kinds that accept self-registration, found by name or
/// acronym (accents and case ignored), at most <see cref="Max"/> at a time, so nobody scrolls through hundreds.
/// </summary>
public static class RegistrationOrganizations
{
    public const int Max = 20;

    public static async Task<IReadOnlyList<RegistrationOrganization>> SearchAsync(TrainingHubDbContext db, SelfRegistrationSettings settings, string? search, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var text = search?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < 2)
        {
            return [];
        }

        var key = NameKey.For(text);
        var upper = text.ToUpperInvariant();
        var kinds = settings.OrganizationKinds.ToList();
        return await db.Organizations.AsNoTracking()
            .Where(o => o.IsActive && kinds.Contains(o.Kind) && (o.NameKey.Contains(key) || (o.Acronym != null && o.Acronym.ToUpper() == upper)))
            .OrderBy(o => o.NameKey).Take(Max)
            .Select(o => new RegistrationOrganization(o.Id, o.Name, o.Acronym, o.State))
            .ToListAsync(ct);
    }

    /// <summary>The organisation chosen, when it accepts self-registration.</summary>
    public static Task<RegistrationOrganization?> FindAsync(TrainingHubDbContext db, SelfRegistrationSettings settings, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var kinds = settings.OrganizationKinds.ToList();
        return db.Organizations.AsNoTracking().Where(o => o.Id == id && o.IsActive && kinds.Contains(o.Kind))
            .Select(o => new RegistrationOrganization(o.Id, o.Name, o.Acronym, o.State)).FirstOrDefaultAsync(ct);
    }
}
