using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Attendance;

/// <summary>Who may open and record a session's roster: the offering's instructors and administrators in scope.</summary>
internal static class RosterAccess
{
    public static async Task<bool> MayRecordAsync(TrainingHubDbContext db, ReaderScope scope, int sessionId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var sessions = db.Sessions.AsNoTracking().Where(s => s.Id == sessionId);
        if (scope.PersonId is { } personId && scope.IsInstructor
            && await sessions.AnyAsync(s => db.OfferingInstructors.Any(i => i.OfferingId == s.OfferingId && i.PersonId == personId), ct))
        {
            return true;
        }

        return scope.IsAdministrator && await sessions.InScope(scope).AnyAsync(ct);
    }
}
