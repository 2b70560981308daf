using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

public sealed record CourseFilter(int? ProgrammeId = null, string? Search = null, int Page = 1, int PageSize = 25);

public sealed record CourseRow(int Id, string Code, string Title, int? ProgrammeId, string? Programme, int WorkloadMinutes, [property: JsonConverter(typeof(JsonStringEnumConverter))] Modality Modality, bool IsActive, int Classes);

/// <summary>Courses the reader may see, by programme and search, paged.</summary>
public static class ListCourses
{
    public static async Task<Page<CourseRow>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, CourseFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var (page, size) = Page<CourseRow>.Clamp(f.Page, f.PageSize);
        var q = db.Courses.AsNoTracking().InScope(scope);
        if (f.ProgrammeId is { } programmeId)
        {
            q = q.Where(c => c.ProgrammeId == programmeId);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim().ToLower();
            q = q.Where(c => c.Title.ToLower().Contains(s) || c.Code.ToLower().Contains(s));
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(c => c.Title).ThenBy(c => c.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(c => new CourseRow(c.Id, c.Code, c.Title, c.ProgrammeId, c.Programme != null ? c.Programme.Name : null, c.WorkloadMinutes, c.Modality, c.IsActive,
                db.Classes.Count(k => k.CourseId == c.Id)))
            .ToListAsync(ct);
        return new Page<CourseRow>(rows, page, size, total);
    }
}
