using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications.Messages;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// The daily digest (working days) of enrolments awaiting a manager's approval, from <see cref="ListPendingApprovals"/>
/// as the manager sees it: only to managers with something pending, at most one per manager and day. Optional.
/// </summary>
public static class QueueApprovalDigests
{
    public const int Listed = 20;

    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, string? publicUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var today = SaoPaulo.Today(time);
        var managerIds = db.Enrolments.Where(e => e.Status == EnrolmentStatus.AwaitingApproval && e.Person!.ManagerId != null).Select(e => e.Person!.ManagerId!.Value);
        var managers = await db.People.AsNoTracking().Where(p => p.AnonymizedAt == null && managerIds.Contains(p.Id))
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.FullName, p.Email, p.PreferredLanguage }).ToListAsync(ct);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"approvals-digest:{today:yyyy-MM-dd}:");
        var done = (await db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith(prefix)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var approvalsUrl = string.IsNullOrWhiteSpace(publicUrl) ? null : publicUrl.TrimEnd('/') + "/enrolments/approvals";
        var queued = 0;
        foreach (var m in managers)
        {
            var key = prefix + m.Id.ToString(CultureInfo.InvariantCulture);
            if (done.Contains(key))
            {
                continue;
            }

            // What the manager would see on the approvals page (as a manager, not as an administrator).
            var scope = new ReaderScope("digest", m.Id, new HashSet<string>(), null, null);
            var count = await ListPendingApprovals.CountAsync(db, scope, ct);
            if (count == 0)
            {
                continue;
            }

            var rows = (await ListPendingApprovals.HandleAsync(db, scope, ct)).Take(Listed);
            var message = new PendingApprovalsDigest(m.FullName, count, [.. rows.Select(r => new PendingApproval(r.Person, r.Offering, r.StartsOn, r.RequestedAt))], approvalsUrl);
            Outbox.Add(db, m.Id, m.Email, m.PreferredLanguage, key, message, now);
            queued++;
        }

        if (queued > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return queued;
    }
}
