using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Enrolment;

public sealed record OfferingEnrolmentRow(int Id, int PersonId, string FullName, string Cpf, string Organization, EnrolmentStatus Status, int? WaitlistPosition,
    DateTime? OfferExpiresAt, DateTime RequestedAt, string? Reason)
{
    internal string OrganizationPath { get; init; } = "";
}

public sealed record OfferingEnrolmentsModel(int OfferingId, string Title, int? Seats, int Confirmed, int Waitlisted, int Awaiting, Page<OfferingEnrolmentRow> Page);

/// <summary>An offering's enrolments the reader sees (<see cref="ParticipantScope"/>), by status, with the waitlist in order.</summary>
public static class ListOfferingEnrolments
{
    public static async Task<OfferingEnrolmentsModel?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int offeringId, EnrolmentStatus? status, int page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var offering = await db.Offerings.AsNoTracking().Where(o => o.Id == offeringId).Select(o => new { o.Title, o.Seats }).FirstOrDefaultAsync(ct);
        if (offering is null)
        {
            return null;
        }

        var q = db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offeringId).SeenBy(scope);
        var counts = await q.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(EnrolmentStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;
        if (status is { } st)
        {
            q = q.Where(e => e.Status == st);
        }

        var (p, size) = Page<OfferingEnrolmentRow>.Clamp(page, 50);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(e => e.Status == EnrolmentStatus.Waitlisted ? e.WaitlistPosition : 0).ThenBy(e => e.Person!.NameKey)
            .Skip((p - 1) * size).Take(size)
            .Select(e => new OfferingEnrolmentRow(e.Id, e.PersonId, e.Person!.FullName, e.Person.Cpf, e.Person.Organization!.Name, e.Status, e.WaitlistPosition,
                e.OfferExpiresAt, e.RequestedAt, e.DecisionReason ?? e.OutcomeReason)
            { OrganizationPath = e.Person.Organization.Path })
            .ToListAsync(ct);
        return new OfferingEnrolmentsModel(offeringId, offering.Title, offering.Seats, Count(EnrolmentStatus.Confirmed), Count(EnrolmentStatus.Waitlisted),
            Count(EnrolmentStatus.AwaitingApproval), new Page<OfferingEnrolmentRow>(rows.Select(r => r with { Cpf = scope.ShowCpf(r.Cpf, r.OrganizationPath) }).ToList(), p, size, total));
    }
}
