using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;

namespace TrainingHub.Core.Catalog;

/// <summary>A class (turma) as a form or API client sends it.</summary>
public sealed record ClassRequest(
    int? CourseId, string? Code, string? Title, DateOnly? StartsOn, DateOnly? EndsOn, int? Seats, string? Place,
    DateTime? EnrolmentOpensAt, DateTime? EnrolmentClosesAt, bool? ApprovalRequired, [property: JsonConverter(typeof(JsonStringEnumConverter))] OfferingStatus? Status,
    IReadOnlyList<int>? InstructorIds, [property: JsonConverter(typeof(JsonStringEnumConverter))] Eligibility? Eligibility, [property: JsonConverter(typeof(EnumNamesConverter<OrganizationKind>))] IReadOnlyList<OrganizationKind>? OrganizationKinds,
    IReadOnlyList<EligibleOrganization>? Organizations) : IOfferingRequest;

/// <summary>
/// Creates a class of a course (id null) or changes one: dates, seats, place, enrolment window, approval, status,
/// instructors and eligibility. The class belongs to its course's programme. Nothing is saved on a field error.
/// </summary>
public static class SaveClass
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int? id, ClassRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        CourseClass? existing = null;
        if (id is { } classId)
        {
            existing = await db.Classes.InScope(scope).Include(c => c.Instructors).Include(c => c.EligibilityRules).SingleOrDefaultAsync(c => c.Id == classId, ct);
            if (existing is null)
            {
                return Error.NotFound("", OfferingFields.NotFound);
            }
        }

        var errors = new List<FieldError>();
        var course = r.CourseId is { } courseId
            ? await db.Courses.AsNoTracking().InScope(scope).Where(c => c.Id == courseId).Select(c => new { c.Id, c.ProgrammeId }).SingleOrDefaultAsync(ct)
            : null;
        if (course is null)
        {
            errors.Add(new(nameof(r.CourseId), "Offering.CourseNotFound"));
        }

        await OfferingFields.ValidateAsync(db, scope, id, course?.ProgrammeId, r, errors, ct);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var target = existing ?? db.Classes.Add(new CourseClass { Code = "", Title = "", CreatedAt = time.GetUtcNow().UtcDateTime }).Entity;
        OfferingFields.Apply(target, r);
        target.CourseId = course!.Id;
        target.ProgrammeId = course.ProgrammeId;
        return await OfferingFields.SaveAsync(db, target, target.Code, ct);
    }
}
