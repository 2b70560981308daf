using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Catalog;

/// <summary>A course as a form or API client sends it; hours are text ("40", "7,5").</summary>
public sealed record CourseRequest(
    string? Code, string? Title, int? ProgrammeId, string? Syllabus, string? WorkloadHours, [property: JsonConverter(typeof(JsonStringEnumConverter))] Modality? Modality,
    int? MinAttendancePercent, string? RequiredHours, bool? IsActive);

/// <summary>
/// Creates a course (id null) or changes one the administrator may see. A scoped administrator must place it in a
/// programme of their scope. Field errors name what to fix; nothing is saved then.
/// </summary>
public static class SaveCourse
{
    public const string NotFound = "Course.NotFound";

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int? id, CourseRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        Course? course = null;
        if (id is { } existing)
        {
            course = await db.Courses.InScope(scope).SingleOrDefaultAsync(c => c.Id == existing, ct);
            if (course is null)
            {
                return Error.NotFound("", NotFound);
            }
        }

        var errors = new List<FieldError>();
        var code = CatalogInput.Required(errors, nameof(r.Code), r.Code, 40, "Catalog.CodeRequired");
        var title = CatalogInput.Required(errors, nameof(r.Title), r.Title, 200, "Catalog.TitleRequired");
        var syllabus = CatalogInput.Optional(errors, nameof(r.Syllabus), r.Syllabus, 8000, multiline: true) ?? "";
        if (r.ProgrammeId is { } programmeId)
        {
            if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
            {
                errors.Add(new(nameof(r.ProgrammeId), "Catalog.ProgrammeNotFound"));
            }
        }
        else if (!scope.IsWholeInstallation)
        {
            errors.Add(new(nameof(r.ProgrammeId), "Catalog.ProgrammeRequired"));
        }

        var workload = CatalogInput.ParseHours(r.WorkloadHours);
        if (string.IsNullOrWhiteSpace(r.WorkloadHours))
        {
            errors.Add(new(nameof(r.WorkloadHours), "Course.WorkloadRequired"));
        }
        else if (workload is not > 0)
        {
            errors.Add(new(nameof(r.WorkloadHours), "Catalog.HoursInvalid", r.WorkloadHours));
        }

        var minAttendance = r.MinAttendancePercent ?? 75;
        if (minAttendance is < 0 or > 100)
        {
            errors.Add(new(nameof(r.MinAttendancePercent), "Course.MinAttendanceRange"));
        }

        int? required = null;
        if (!string.IsNullOrWhiteSpace(r.RequiredHours))
        {
            required = CatalogInput.ParseHours(r.RequiredHours);
            if (required is null)
            {
                errors.Add(new(nameof(r.RequiredHours), "Catalog.HoursInvalid", r.RequiredHours));
            }
            else if (workload is > 0 && required > workload)
            {
                errors.Add(new(nameof(r.RequiredHours), "Course.RequiredAboveWorkload"));
            }
        }

        if (r.Modality is { } m && !Enum.IsDefined(m))
        {
            errors.Add(new(nameof(r.Modality), "Course.ModalityInvalid"));
        }

        if (code is not null && await db.Courses.AnyAsync(c => c.Code == code && c.Id != (id ?? 0), ct))
        {
            errors.Add(new(nameof(r.Code), "Catalog.CodeTaken", code));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        course ??= db.Courses.Add(new Course { Code = code!, Title = title!, CreatedAt = time.GetUtcNow().UtcDateTime }).Entity;
        course.Code = code!;
        course.Title = title!;
        course.ProgrammeId = r.ProgrammeId;
        course.Syllabus = syllabus;
        course.WorkloadMinutes = workload!.Value;
        course.Modality = r.Modality ?? Modality.InPerson;
        course.MinAttendancePercent = minAttendance;
        course.RequiredMinutes = required;
        course.IsActive = r.IsActive ?? true;
        if (id is not null)
        {
            // The classes of a course belong to its programme (that is what scopes them).
            foreach (var k in await db.Classes.Where(k => k.CourseId == course.Id && k.ProgrammeId != r.ProgrammeId).ToListAsync(ct))
            {
                k.ProgrammeId = r.ProgrammeId;
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Courses.AsNoTracking().AnyAsync(c => c.Code == code && c.Id != (id ?? 0), ct))
            {
                return Error.Validation(nameof(r.Code), "Catalog.CodeTaken", code!);
            }

            throw;
        }

        return Result<int>.Ok(course.Id);
    }
}
