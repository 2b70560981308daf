using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

public sealed record CourseDetail(int Id, string Code, string Title, int? ProgrammeId, string? Programme, string Syllabus, int WorkloadMinutes,
[property: JsonConverter(typeof(JsonStringEnumConverter))] Modality Modality, int MinAttendancePercent, int? RequiredMinutes, bool IsActive)
{
    public CourseRequest ToRequest() =>
        new(Code, Title, ProgrammeId, Syllabus, CatalogInput.FormatHours(WorkloadMinutes), Modality, MinAttendancePercent, CatalogInput.FormatHours(RequiredMinutes), IsActive);
}

/// <summary>One course the reader may see; null when it does not exist or is outside their scope.</summary>
public static class GetCourse
{
    public static Task<CourseDetail?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Courses.AsNoTracking().InScope(scope).Where(c => c.Id == id)
            .Select(c => new CourseDetail(c.Id, c.Code, c.Title, c.ProgrammeId, c.Programme != null ? c.Programme.Name : null, c.Syllabus, c.WorkloadMinutes,
                c.Modality, c.MinAttendancePercent, c.RequiredMinutes, c.IsActive))
            .SingleOrDefaultAsync(ct);
    }
}
