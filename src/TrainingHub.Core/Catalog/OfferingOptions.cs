using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>Choices for the offering forms: instructors (people in scope with an instructor account or who already teach an offering) and organisations.</summary>
public static class OfferingOptions
{
    public static async Task<IReadOnlyList<(int Id, string Name)>> InstructorsAsync(TrainingHubDbContext db, ReaderScope scope, IEnumerable<int> chosen, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = chosen.ToList();
        var instructorRole = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Instructor).Select(r => r.Id).SingleOrDefaultAsync(ct);
        var withRole = db.Users.Where(u => u.PersonId != null && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == instructorRole)).Select(u => u.PersonId!.Value);
        var rows = await db.People.AsNoTracking().InScope(scope)
            .Where(p => ids.Contains(p.Id) || withRole.Contains(p.Id) || db.OfferingInstructors.Any(i => i.PersonId == p.Id))
            .OrderBy(p => p.NameKey).Select(p => new { p.Id, p.FullName, Organization = p.Organization!.Acronym ?? p.Organization.Name })
            .Take(500).ToListAsync(ct);
        return rows.Select(r => (r.Id, $"{r.FullName} ({r.Organization})")).ToList();
    }

    /// <summary>Every active organisation: an offering may be open to organisations outside the administrator's own.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> OrganizationsAsync(TrainingHubDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Organizations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.NameKey).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>The course a new class belongs to (title), when the reader may see it.</summary>
    public static Task<string?> CourseTitleAsync(TrainingHubDbContext db, ReaderScope scope, int courseId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Courses.AsNoTracking().InScope(scope).Where(c => c.Id == courseId).Select(c => c.Title).SingleOrDefaultAsync(ct);
    }
}
