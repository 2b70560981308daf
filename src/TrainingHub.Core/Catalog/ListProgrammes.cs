using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

public sealed record ProgrammeFilter(string? Search = null, bool? Active = null, int Page = 1, int PageSize = 25);

public sealed record ProgrammeRow(int Id, string Code, string Name, string Owner, int? TargetMinutes, [property: JsonConverter(typeof(JsonStringEnumConverter))] TargetPeriod TargetPeriod,
    DateOnly? StartsOn, DateOnly? EndsOn, bool IsActive, int Courses, int Offerings);

/// <summary>Programmes the reader may see (owned inside their scope), filtered and paged.</summary>
public static class ListProgrammes
{
    public static async Task<Page<ProgrammeRow>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, ProgrammeFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var (page, size) = Page<ProgrammeRow>.Clamp(f.Page, f.PageSize);
        var q = db.Programmes.AsNoTracking().InScope(scope);
        if (f.Active is { } active)
        {
            q = q.Where(p => p.IsActive == active);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim().ToLower();
            q = q.Where(p => p.Name.ToLower().Contains(s) || p.Code.ToLower().Contains(s));
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(p => new ProgrammeRow(p.Id, p.Code, p.Name, p.OwnerOrganization!.Name, p.TargetMinutes, p.TargetPeriod, p.StartsOn, p.EndsOn, p.IsActive,
                db.Courses.Count(c => c.ProgrammeId == p.Id), db.Offerings.Count(o => o.ProgrammeId == p.Id)))
            .ToListAsync(ct);
        return new Page<ProgrammeRow>(rows, page, size, total);
    }

    /// <summary>Id and name of every programme the reader may see, for pickers.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> OptionsAsync(TrainingHubDbContext db, ReaderScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Programmes.AsNoTracking().InScope(scope).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.Code }).ToListAsync(ct);
        return rows.Select(r => (r.Id, $"{r.Name} ({r.Code})")).ToList();
    }
}
