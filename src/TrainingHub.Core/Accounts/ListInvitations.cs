using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Accounts;

public sealed record InvitationFilter(int? OrganizationId = null, InvitationStatus? Status = null, string? Search = null, int Page = 1, int PageSize = 25)
{
    /// <summary>One invitation only (a person's page).</summary>
    public int? Only { get; init; }
}

public sealed record InvitationRow(int Id, int PersonId, string FullName, string Email, string Organization, InvitationStatus Status, DateTime SentAt, DateTime ExpiresAt, int Sends, DateTime? AcceptedAt);

/// <summary>How many invitations are in each status (for the organisation and search chosen, whatever the status filter).</summary>
public sealed record InvitationCounts(int Sent, int Accepted, int Expired, int Bounced);

public sealed record InvitationList(Page<InvitationRow> Page, InvitationCounts Counts);

/// <summary>
/// Invitations of people in the administrator's scope, by organisation (and those under it), status and name or e-mail,
/// newest first. The status is worked out, never stored: accepted; bounced when the last link's message was given up on
/// (dead-lettered by the outbox); expired after its date; sent otherwise.
/// </summary>
public static class ListInvitations
{
    public static async Task<InvitationList> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, InvitationFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(f);
        var now = time.GetUtcNow().UtcDateTime;
        var (page, size) = Page<InvitationRow>.Clamp(f.Page, f.PageSize);
        var q = db.Invitations.AsNoTracking().Where(i => db.People.InScope(scope).Any(p => p.Id == i.PersonId));
        if (f.OrganizationId is { } orgId)
        {
            var path = await db.Organizations.AsNoTracking().Where(o => o.Id == orgId).Select(o => o.Path).FirstOrDefaultAsync(ct) ?? "\u0000";
            q = q.Where(i => i.Person!.Organization!.Path.StartsWith(path));
        }

        if (f.Only is { } only)
        {
            q = q.Where(i => i.Id == only);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var key = NameKey.For(f.Search.Trim());
            q = q.Where(i => i.Person!.NameKey.Contains(key) || i.Person.Email.ToLower().Contains(key));
        }

        var counts = new InvitationCounts(
            await q.CountAsync(Is(db, InvitationStatus.Sent, now), ct),
            await q.CountAsync(Is(db, InvitationStatus.Accepted, now), ct),
            await q.CountAsync(Is(db, InvitationStatus.Expired, now), ct),
            await q.CountAsync(Is(db, InvitationStatus.Bounced, now), ct));
        if (f.Status is { } status)
        {
            q = q.Where(Is(db, status, now));
        }

        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(i => i.SentAt).ThenByDescending(i => i.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(i => new
            {
                i.Id,
                i.PersonId,
                i.Person!.FullName,
                i.Person.Email,
                Organization = i.Person.Organization!.Name,
                i.SentAt,
                i.ExpiresAt,
                i.Sends,
                i.AcceptedAt,
                Bounced = db.OutboxMessages.Any(m => m.IdempotencyKey == i.OutboxKey && m.Status == OutboxStatus.DeadLetter),
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new InvitationRow(r.Id, r.PersonId, r.FullName, r.Email, r.Organization,
            r.AcceptedAt is not null ? InvitationStatus.Accepted : r.Bounced ? InvitationStatus.Bounced : r.ExpiresAt <= now ? InvitationStatus.Expired : InvitationStatus.Sent,
            r.SentAt, r.ExpiresAt, r.Sends, r.AcceptedAt)).ToList();
        return new InvitationList(new Page<InvitationRow>(items, page, size, total), counts);
    }

    /// <summary>The invitation of one person in the reader's scope, or null when none was sent.</summary>
    public static async Task<InvitationRow?> ForPersonAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var invitationId = await db.Invitations.AsNoTracking().Where(i => i.PersonId == personId && db.People.InScope(scope).Any(p => p.Id == i.PersonId)).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
        if (invitationId is null)
        {
            return null;
        }

        var list = await HandleAsync(db, scope, time, new InvitationFilter(PageSize: 1) { Only = invitationId }, ct);
        return list.Page.Items.FirstOrDefault();
    }

    private static Expression<Func<Invitation, bool>> Is(TrainingHubDbContext db, InvitationStatus status, DateTime now) => status switch
    {
        InvitationStatus.Accepted => i => i.AcceptedAt != null,
        InvitationStatus.Bounced => i => i.AcceptedAt == null && db.OutboxMessages.Any(m => m.IdempotencyKey == i.OutboxKey && m.Status == OutboxStatus.DeadLetter),
        InvitationStatus.Expired => i => i.AcceptedAt == null && !db.OutboxMessages.Any(m => m.IdempotencyKey == i.OutboxKey && m.Status == OutboxStatus.DeadLetter) && i.ExpiresAt <= now,
        _ => i => i.AcceptedAt == null && !db.OutboxMessages.Any(m => m.IdempotencyKey == i.OutboxKey && m.Status == OutboxStatus.DeadLetter) && i.ExpiresAt > now,
    };
}
