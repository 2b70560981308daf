using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Reports.Messages;

namespace TrainingHub.Core.Reports;

/// <summary>
/// Queues, for every active report subscription, one "MonthlyReport" email covering the previous calendar month (São
/// Paulo), with the XLSX attached by reference (kind <see cref="AttachmentKind"/>, key <c>{subscription}:{yyyy-MM}</c>):
/// the file is built at send time with the subscriber's scope as it is then. Essential (the subscriber asked for it).
/// One per subscription and month, so running again queues nothing. Subscribers no longer administrators or auditors are skipped.
/// </summary>
public static class QueueMonthlyReports
{
    public const string AttachmentKind = "report";

    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var (from, to) = PreviousMonth(SaoPaulo.Today(time));
        var month = from.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var subscriptions = await db.ReportSubscriptions.AsNoTracking().Where(s => s.CancelledAt == null).OrderBy(s => s.Id).ToListAsync(ct);
        var keys = subscriptions.Select(s => Key(s.Id, month)).ToList();
        var done = (await db.OutboxMessages.Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var queued = 0;
        foreach (var s in subscriptions)
        {
            var key = Key(s.Id, month);
            if (done.Contains(key) || await SubscriberScope.LoadAsync(db, s.UserId, ct) is not { } scope || (!scope.IsAdministrator && !scope.IsAuditor))
            {
                continue;
            }

            Outbox.Add(db, s.PersonId, s.Email, s.Language, key, new MonthlyReport(s.Id, s.Kind, from, to, month), now);
            queued++;
        }

        if (queued > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return queued;
    }

    public static string Key(int subscriptionId, string month) => string.Create(CultureInfo.InvariantCulture, $"monthly-report:{subscriptionId}:{month}");

    public static (DateOnly From, DateOnly To) PreviousMonth(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return (first, first.AddMonths(1).AddDays(-1));
    }
}

/// <summary>An account's reading scope as the database holds it now (roles and scope organisation), or null when the account is gone.</summary>
public static class SubscriberScope
{
    public static async Task<ReaderScope?> LoadAsync(TrainingHubDbContext db, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.PersonId, u.ScopeOrganizationId, Path = u.ScopeOrganization != null ? u.ScopeOrganization.Path : null }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(r => r.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        return new ReaderScope(user.Id, user.PersonId, roles.ToHashSet(StringComparer.Ordinal), user.ScopeOrganizationId, user.Path);
    }
}
