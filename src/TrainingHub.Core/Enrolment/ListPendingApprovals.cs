using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

public sealed record PendingApprovalRow(int EnrolmentId, string Person, string Organization, string Offering, DateOnly StartsOn, DateTime RequestedAt);

/// <summary>
/// Enrolments waiting for the reader's decision: those of the people they manage (chefia), and, for administrators,
/// every one they see (<see cref="ParticipantScope"/>: people in their scope, and anyone in their programmes). Oldest first.
/// </summary>
public static class ListPendingApprovals
{
    public static IQueryable<Enrolment> Query(TrainingHubDbContext db, ReaderScope scope)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var pending = db.Enrolments.AsNoTracking().Where(e => e.Status == EnrolmentStatus.AwaitingApproval);
        var seen = db.Enrolments.SeenBy(scope).Select(e => e.Id);
        return scope.IsAdministrator
            ? pending.Where(e => seen.Contains(e.Id) || (scope.PersonId != null && e.Person!.ManagerId == scope.PersonId))
            : pending.Where(e => scope.PersonId != null && e.Person!.ManagerId == scope.PersonId);
    }

    public static async Task<IReadOnlyList<PendingApprovalRow>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, CancellationToken ct) =>
        await Query(db, scope).OrderBy(e => e.RequestedAt).Take(500)
            .Select(e => new PendingApprovalRow(e.Id, e.Person!.FullName, e.Person.Organization!.Name, e.Offering!.Title, e.Offering.StartsOn, e.RequestedAt))
            .ToListAsync(ct);

    public static Task<int> CountAsync(TrainingHubDbContext db, ReaderScope scope, CancellationToken ct) => Query(db, scope).CountAsync(ct);
}
