using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Audit;

public sealed record AuditFilter(string? EntityType = null, string? EntityId = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null, int Page = 1, int PageSize = 50);

public sealed record AuditRow(long? Sequence, DateTime OccurredAt, string ActorName, string Action, string EntityType, string EntityId, int? OrganizationId, string? BeforeJson, string? AfterJson, string? Reason, string? Hash);

/// <summary>
/// Audit entries for administrators and auditors, newest first, filtered by entity, actor and local dates. A scoped
/// reader sees the entries that belong to an organisation in their scope; entries with no organisation (attendance,
/// enrolments, exports of the whole installation) only readers of the whole installation see.
/// </summary>
public static class ListAuditEntries
{
    public static IQueryable<AuditEntry> Query(TrainingHubDbContext db, ReaderScope scope, AuditFilter f)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(f);
        var q = db.AuditEntries.AsNoTracking();
        if (!scope.IsWholeInstallation)
        {
            var orgs = db.Organizations.InScope(scope).Select(o => (int?)o.Id);
            q = q.Where(e => orgs.Contains(e.OrganizationId));
        }

        if (!string.IsNullOrWhiteSpace(f.EntityType))
        {
            q = q.Where(e => e.EntityType == f.EntityType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(f.EntityId))
        {
            q = q.Where(e => e.EntityId == f.EntityId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            var actor = f.Actor.Trim().ToLowerInvariant();
            q = q.Where(e => e.ActorName.ToLower().Contains(actor));
        }

        if (f.From is { } from)
        {
            var utc = SaoPaulo.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            q = q.Where(e => e.OccurredAt >= utc);
        }

        if (f.To is { } to)
        {
            var utc = SaoPaulo.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            q = q.Where(e => e.OccurredAt < utc);
        }

        return q.OrderByDescending(e => e.Id);
    }

    /// <summary>
    /// The date filters within the reports' window (<see cref="Reports.ReportPeriod"/>): outside it the field is named and
    /// nothing is queried, so no filter ever meets year 1 or 9999. Null when the filter is fine.
    /// </summary>
    public static Error? Refusal(AuditFilter f, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (earliest, latest) = (Reports.ReportPeriod.Earliest, Reports.ReportPeriod.Latest(time));
        var outside = new List<FieldError>();
        if (f.From is { } from && (from < earliest || from > latest))
        {
            outside.Add(new FieldError("From", "Report.FromOutsideWindow", earliest, latest));
        }

        if (f.To is { } to && (to < earliest || to > latest))
        {
            outside.Add(new FieldError("To", "Report.ToOutsideWindow", earliest, latest));
        }

        return outside.Count > 0 ? Error.Validation(outside) : null;
    }

    public static async Task<Result<Page<AuditRow>>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, AuditFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (Refusal(f, time) is { } refusal)
        {
            return refusal;
        }

        var (page, size) = Page<AuditRow>.Clamp(f.Page, f.PageSize);
        var q = Query(db, scope, f);
        var total = await q.CountAsync(ct);
        var rows = await Project(q.Skip((page - 1) * size).Take(size)).ToListAsync(ct);
        return Result<Page<AuditRow>>.Ok(new Page<AuditRow>(rows, page, size, total));
    }

    public static IQueryable<AuditRow> Project(IQueryable<AuditEntry> q) =>
        q.Select(e => new AuditRow(e.Sequence, e.OccurredAt, e.ActorName, e.Action, e.EntityType, e.EntityId, e.OrganizationId, e.BeforeJson, e.AfterJson, e.Reason, e.Hash));

    /// <summary>The same entries as CSV (RFC 4180, UTF-8 with BOM, formula-like text neutralised), streamed.</summary>
    public static async Task WriteCsvAsync(TrainingHubDbContext db, ReaderScope scope, AuditFilter f, Stream output, CancellationToken ct)
    {
        await using var w = new StreamWriter(output, new System.Text.UTF8Encoding(true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        static string F(string? v) => Reports.ReportCsv.Field(Reports.ReportCsv.Neutralize(v ?? ""));
        await w.WriteLineAsync("sequence,occurred_at_utc,actor,action,entity_type,entity_id,organization_id,before,after,reason,hash");
        await foreach (var e in Project(Query(db, scope, f)).AsAsyncEnumerable().WithCancellation(ct))
        {
            await w.WriteLineAsync(string.Join(',',
                e.Sequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                F(e.ActorName), F(e.Action), F(e.EntityType), F(e.EntityId),
                e.OrganizationId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                F(e.BeforeJson), F(e.AfterJson), F(e.Reason), e.Hash ?? ""));
        }

        await w.FlushAsync(ct);
    }
}
