using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

public sealed record OfferingFilter(int? ProgrammeId = null, int? CourseId = null, bool? Classes = null, string? Search = null, int Page = 1, int PageSize = 25);

public sealed record OfferingRow(int Id, bool IsClass, string Code, string Title, string? Course, DateOnly StartsOn, DateOnly EndsOn, int? Seats, int ConfirmedCount,
[property: JsonConverter(typeof(JsonStringEnumConverter))] OfferingStatus Status, int Sessions);

/// <summary>Classes and webinar series the reader may see, by programme, course, kind and search, paged (latest first).</summary>
public static class ListOfferings
{
    public static async Task<Page<OfferingRow>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, OfferingFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        var (page, size) = Page<OfferingRow>.Clamp(f.Page, f.PageSize);
        var q = db.Offerings.AsNoTracking().InScope(scope);
        if (f.ProgrammeId is { } programmeId)
        {
            q = q.Where(o => o.ProgrammeId == programmeId);
        }

        if (f.CourseId is { } courseId)
        {
            q = q.Where(o => o is CourseClass && ((CourseClass)o).CourseId == courseId);
        }

        if (f.Classes is { } classes)
        {
            q = classes ? q.Where(o => o is CourseClass) : q.Where(o => o is WebinarSeries);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim().ToLower();
            q = q.Where(o => o.Title.ToLower().Contains(s) || o.Code.ToLower().Contains(s));
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(o => o.StartsOn).ThenBy(o => o.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(o => new OfferingRow(o.Id, o is CourseClass, o.Code, o.Title, o is CourseClass ? ((CourseClass)o).Course!.Title : null,
                o.StartsOn, o.EndsOn, o.Seats, o.ConfirmedCount, o.Status, o.Sessions.Count))
            .ToListAsync(ct);
        return new Page<OfferingRow>(rows, page, size, total);
    }
}
