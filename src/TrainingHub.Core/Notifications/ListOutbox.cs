using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Notifications;

public sealed record OutboxFilter(OutboxStatus? Status = null, string? Type = null, string? Search = null, int Page = 1, int PageSize = 50);

public sealed record OutboxRow(long Id, string MessageType, string ToAddress, string Language, bool Essential, OutboxStatus Status, int Attempts,
    DateTime CreatedAt, DateTime NextAttemptAt, DateTime? SentAt, string? LockedBy, DateTime? LockedUntil, string? LastError);

public sealed record OutboxAttemptRow(int Attempt, DateTime At, string Instance, OutboxAttemptOutcome Outcome, string? Error);

public sealed record OutboxDetail(OutboxRow Row, string IdempotencyKey, int? RecipientPersonId, string PayloadJson, IReadOnlyList<OutboxAttemptRow> History);

/// <summary>The outbox for administrators of the whole installation: counts by status, rows by filter, one row's details.</summary>
public static class ListOutbox
{
    public static async Task<Page<OutboxRow>> HandleAsync(TrainingHubDbContext db, OutboxFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var (page, size) = Page<OutboxRow>.Clamp(filter.Page, filter.PageSize);
        var q = db.OutboxMessages.AsNoTracking();
        if (filter.Status is { } status)
        {
            q = q.Where(m => m.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(filter.Type))
        {
            q = q.Where(m => m.MessageType == filter.Type);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var s = filter.Search.Trim().ToLowerInvariant();
            q = q.Where(m => m.ToAddress.ToLower().Contains(s) || m.IdempotencyKey.ToLower().Contains(s));
        }

        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(m => m.Id).Skip((page - 1) * size).Take(size).Select(Row).ToListAsync(ct);
        return new Page<OutboxRow>(items, page, size, total);
    }

    public static async Task<Dictionary<OutboxStatus, int>> CountsAsync(TrainingHubDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<OutboxStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
    }

    public static async Task<IReadOnlyList<string>> TypesAsync(TrainingHubDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.OutboxMessages.Select(m => m.MessageType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    public static async Task<OutboxDetail?> DetailAsync(TrainingHubDbContext db, long id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var m = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            return null;
        }

        var history = await db.OutboxAttempts.AsNoTracking().Where(a => a.OutboxMessageId == id).OrderBy(a => a.Id)
            .Select(a => new OutboxAttemptRow(a.Attempt, a.At, a.Instance, a.Outcome, a.Error)).ToListAsync(ct);
        return new OutboxDetail(Row.Compile()(m), m.IdempotencyKey, m.RecipientPersonId, m.PayloadJson, history);
    }

    private static readonly System.Linq.Expressions.Expression<Func<OutboxMessage, OutboxRow>> Row = m => new OutboxRow(
        m.Id, m.MessageType, m.ToAddress, m.Language, m.Essential, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LockedBy, m.LockedUntil, m.LastError);
}
