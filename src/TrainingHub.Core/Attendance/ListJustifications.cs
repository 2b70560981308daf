using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

public sealed record JustificationFilter(JustificationStatus? Status = JustificationStatus.Pending, string? Search = null, int Page = 1, int PageSize = 25);

public sealed record JustificationRow(int Id, int PersonId, string Person, string Organization, int SessionId, string Session, DateTime SessionStartsAt,
    string Offering, string Note, string FileName, string ContentType, int SizeBytes, JustificationStatus Status, DateTime SubmittedAt, string? DecisionReason);

/// <summary>
/// The review queue: justifications for sessions the reader may record (the offering's instructors, administrators
/// in scope), filtered by status (pending first by default) and by person or class, oldest first, paged.
/// </summary>
public static class ListJustifications
{
    public static async Task<Page<JustificationRow>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, JustificationFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(f);
        var (page, size) = Page<JustificationRow>.Clamp(f.Page, f.PageSize);
        var q = Reviewable(db, scope);
        if (f.Status is { } status)
        {
            q = q.Where(j => j.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var key = NameKey.For(f.Search);
            var text = f.Search.Trim();
            q = q.Where(j => j.Person!.NameKey.Contains(key) || j.Session!.Offering!.Title.Contains(text) || j.Session.Offering.Code.Contains(text));
        }

        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(j => j.SubmittedAt).ThenBy(j => j.Id).Skip((page - 1) * size).Take(size)
            .Select(j => new JustificationRow(j.Id, j.PersonId, j.Person!.FullName, j.Person.Organization!.Name, j.SessionId, j.Session!.Title, j.Session.StartsAt,
                j.Session.Offering!.Title, j.Note, j.FileName, j.ContentType, j.SizeBytes, j.Status, j.SubmittedAt, j.DecisionReason))
            .ToListAsync(ct);
        return new Page<JustificationRow>(items, page, size, total);
    }

    /// <summary>Justifications of sessions the reader may record.</summary>
    internal static IQueryable<AbsenceJustification> Reviewable(TrainingHubDbContext db, ReaderScope scope)
    {
        var q = db.AbsenceJustifications.AsNoTracking();
        var personId = scope.IsInstructor ? scope.PersonId : null;
        if (scope.IsAdministrator && scope.IsWholeInstallation)
        {
            return q;
        }

        if (scope.IsAdministrator)
        {
            var inScope = db.Sessions.InScope(scope).Select(s => s.Id);
            return personId is { } p
                ? q.Where(j => inScope.Contains(j.SessionId) || db.OfferingInstructors.Any(i => i.OfferingId == j.Session!.OfferingId && i.PersonId == p))
                : q.Where(j => inScope.Contains(j.SessionId));
        }

        return personId is { } instructor
            ? q.Where(j => db.OfferingInstructors.Any(i => i.OfferingId == j.Session!.OfferingId && i.PersonId == instructor))
            : q.Where(j => false);
    }
}

public sealed record MyJustification(int Id, JustificationStatus Status, DateTime SubmittedAt, string FileName, string Note, string? DecisionReason);

public sealed record JustifyModel(int SessionId, string Session, string Offering, DateTime StartsAt, AttendanceStatus? Attendance, IReadOnlyList<MyJustification> Justifications)
{
    public bool CanSubmit => Attendance == AttendanceStatus.Absent && Justifications.All(j => j.Status != JustificationStatus.Pending);
}

/// <summary>What the trainee's justification page shows for one session of theirs: their attendance and what they sent.</summary>
public static class GetMyJustifications
{
    public static async Task<JustifyModel?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.PersonId is not { } personId)
        {
            return null;
        }

        var record = await db.AttendanceRecords.AsNoTracking().Where(a => a.SessionId == sessionId && a.PersonId == personId)
            .Select(a => new { a.Status, a.Session!.Title, Offering = a.Session.Offering!.Title, a.Session.StartsAt }).FirstOrDefaultAsync(ct);
        if (record is null)
        {
            return null;
        }

        var mine = await db.AbsenceJustifications.AsNoTracking().Where(j => j.SessionId == sessionId && j.PersonId == personId)
            .OrderByDescending(j => j.SubmittedAt)
            .Select(j => new MyJustification(j.Id, j.Status, j.SubmittedAt, j.FileName, j.Note, j.DecisionReason)).ToListAsync(ct);
        return new JustifyModel(sessionId, record.Title, record.Offering, record.StartsAt, record.Status, mine);
    }
}

public sealed record JustificationDocumentFile(string FileName, string ContentType, byte[] Content);

/// <summary>The document of a justification, for its author and for who may review it; null for anyone else.</summary>
public static class GetJustificationDocument
{
    public static async Task<JustificationDocumentFile?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int justificationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var j = await db.AbsenceJustifications.AsNoTracking().Where(x => x.Id == justificationId)
            .Select(x => new { x.PersonId, x.SessionId, x.FileName, x.ContentType }).FirstOrDefaultAsync(ct);
        if (j is null || (j.PersonId != scope.PersonId && !await RosterAccess.MayRecordAsync(db, scope, j.SessionId, ct)))
        {
            return null;
        }

        var content = await db.AbsenceDocuments.AsNoTracking().Where(d => d.JustificationId == justificationId).Select(d => d.Content).SingleAsync(ct);
        return new JustificationDocumentFile(j.FileName, j.ContentType, content);
    }
}
