using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Attendance;

public sealed record OpenCheckInItem(int SessionId, string Session, string Offering, CheckInKind Kind, DateTime ClosesAt, DateTime? CheckedInAt, DateTime? ConfirmedAt)
{
    public bool Done => (Kind == CheckInKind.Arrival ? CheckedInAt : ConfirmedAt) is not null;
}

/// <summary>The check-in windows open now in the signed-in person's classes, with whether they already checked in.</summary>
public static class GetOpenCheckIns
{
    public static async Task<IReadOnlyList<OpenCheckInItem>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.PersonId is not { } personId)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        var seated = EnrolmentStatuses.Seated;
        return await db.CheckInWindows.AsNoTracking()
            .Where(w => w.OpensAt <= now && w.ClosesAt > now && w.Session!.Status == SessionStatus.Scheduled
                && db.Enrolments.Any(e => e.OfferingId == w.Session.OfferingId && e.PersonId == personId && seated.Contains(e.Status)))
            .OrderBy(w => w.Session!.StartsAt)
            .Select(w => new OpenCheckInItem(w.SessionId, w.Session!.Title, w.Session.Offering!.Title, w.Kind, w.ClosesAt,
                db.AttendanceRecords.Where(a => a.SessionId == w.SessionId && a.PersonId == personId).Select(a => a.CheckedInAt).FirstOrDefault(),
                db.AttendanceRecords.Where(a => a.SessionId == w.SessionId && a.PersonId == personId).Select(a => a.ConfirmedAt).FirstOrDefault()))
            .Take(20).ToListAsync(ct);
    }
}
