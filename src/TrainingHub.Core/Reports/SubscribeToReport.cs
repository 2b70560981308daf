using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Reports;

public sealed record ReportSubscriptionModel(int Id, ReportKind Kind, ReportSubscriptionFilters Filters, string Email, string Language, DateTime CreatedAt, DateTime? CancelledAt)
{
    /// <summary>The names of the filtered programme, organisation and class (code), where there are filters.</summary>
    public string? Programme { get; init; }

    public string? Organization { get; init; }
    public string? Offering { get; init; }
}

/// <summary>
/// Subscribes the reader (an administrator or auditor) to a report by email each month, with the filters they chose.
/// The address and language are the account's. At most <see cref="MaxActive"/> active subscriptions per account.
/// </summary>
public static class SubscribeToReport
{
    public const int MaxActive = 20;

    public static async Task<Result<ReportSubscriptionModel>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time,
        ReportKind kind, ReportSubscriptionFilters filters, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filters);
        if (!scope.IsAdministrator && !scope.IsAuditor)
        {
            return Error.Forbidden("Kind", "Report.NotAllowed");
        }

        if (!Enum.IsDefined(kind) || kind == ReportKind.AttendanceRows)
        {
            return Error.Validation("Kind", "ReportSubscription.KindNotOffered");
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == scope.UserId)
            .Select(u => new { u.Email, u.PreferredLanguage, u.PersonId, u.ScopeOrganizationId }).FirstOrDefaultAsync(ct);
        if (user is null || string.IsNullOrWhiteSpace(user.Email))
        {
            return Error.Validation("Email", "ReportSubscription.NoEmail");
        }

        if (await db.ReportSubscriptions.CountAsync(s => s.UserId == scope.UserId && s.CancelledAt == null, ct) >= MaxActive)
        {
            return Error.Conflict("Kind", "ReportSubscription.TooMany", MaxActive);
        }

        var subscription = new ReportSubscription
        {
            UserId = scope.UserId,
            PersonId = user.PersonId,
            Email = user.Email,
            Language = user.PreferredLanguage,
            Kind = kind,
            FiltersJson = filters.ToJson(),
            ScopeOrganizationId = user.ScopeOrganizationId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ReportSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return Result<ReportSubscriptionModel>.Ok(ListReportSubscriptions.Model(subscription));
    }
}
