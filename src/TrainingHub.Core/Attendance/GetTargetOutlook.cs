using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Attendance;

public sealed record TargetOutlookFilter(
    [property: JsonConverter(typeof(JsonStringEnumConverter))] TargetStatus? Status = null,
    string? Search = null, int? OrganizationId = null, int Page = 1, int PageSize = 25);

public sealed record TargetOutlookRow(int PersonId, string Person, string Cpf, int OrganizationId, string Organization, int CreditedMinutes, int BookedMinutes,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] TargetStatus Status)
{
    /// <summary>Minutes still missing after every booked session (0 unless the person will miss the target).</summary>
    public int ShortfallMinutes(int target) => Math.Max(0, target - CreditedMinutes - BookedMinutes);
}

/// <summary>One organisation's people against the target: the report "behind on the target" per organisation.</summary>
public sealed record TargetOutlookOrganization(int OrganizationId, string Organization, int People, int Met, int OnTrack, int WillMiss);

public sealed record TargetOutlookModel(int ProgrammeId, string Programme, int TargetMinutes, int Year, DateOnly YearEnds, int DaysLeft,
    int Met, int OnTrack, int WillMiss, Page<TargetOutlookRow> People, IReadOnlyList<TargetOutlookOrganization> ByOrganization);

/// <summary>
/// Who of a programme's people will miss its yearly target (see <see cref="TargetOutlook"/>): its members and everyone
/// holding a seat this year in its classes and series, from any organisation (the programme-owner scope: a scoped
/// administrator or auditor sees the programmes owned inside their scope). The CPF follows the one rule
/// (<see cref="ReaderScope.ShowCpf"/>). Filtered by status, person and organisation; paged; with the counts per organisation.
/// </summary>
public static class GetTargetOutlook
{
    public static async Task<Result<TargetOutlookModel>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int programmeId,
        TargetOutlookFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(f);
        var programme = await db.Programmes.AsNoTracking().InScope(scope).Where(p => p.Id == programmeId)
            .Select(p => new { p.Id, p.Name, p.TargetMinutes }).FirstOrDefaultAsync(ct);
        if (programme is null)
        {
            return Error.NotFound("ProgrammeId", "Programme.NotFound");
        }

        if (programme.TargetMinutes is not { } target)
        {
            return Error.Validation("TargetMinutes", "Targets.NoTarget");
        }

        var today = SaoPaulo.Today(time);
        var all = (await TargetOutlook.PeopleAsync(db, time, programmeId, target, ct))
            .Select(p => (p.NameKey, p.Path, Row: new TargetOutlookRow(p.PersonId, p.FullName, p.Cpf, p.OrganizationId, p.Organization, p.CreditedMinutes, p.BookedMinutes, p.Status)))
            .ToList();
        var byOrganization = all.GroupBy(x => (x.Row.OrganizationId, x.Row.Organization))
            .Select(g => new TargetOutlookOrganization(g.Key.OrganizationId, g.Key.Organization, g.Count(),
                g.Count(x => x.Row.Status == TargetStatus.Met), g.Count(x => x.Row.Status == TargetStatus.OnTrack), g.Count(x => x.Row.Status == TargetStatus.WillMiss)))
            .OrderByDescending(o => o.WillMiss).ThenBy(o => o.Organization, StringComparer.CurrentCulture).ToList();

        IEnumerable<(string NameKey, string Path, TargetOutlookRow Row)> q = all;
        if (f.Status is { } status)
        {
            q = q.Where(x => x.Row.Status == status);
        }

        if (f.OrganizationId is { } org)
        {
            q = q.Where(x => x.Row.OrganizationId == org);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var key = NameKey.For(f.Search.Trim());
            var digits = Cpf.Normalize(f.Search);
            q = q.Where(x => x.NameKey.Contains(key, StringComparison.Ordinal) || (digits is not null && x.Row.Cpf == digits));
        }

        // Those who will miss first, the furthest behind first; then on track, then met; by name within each.
        var filtered = q.OrderByDescending(x => x.Row.Status).ThenByDescending(x => x.Row.ShortfallMinutes(target)).ThenBy(x => x.NameKey, StringComparer.Ordinal).ToList();
        var (page, size) = Page<TargetOutlookRow>.Clamp(f.Page, f.PageSize);
        var items = filtered.Skip((page - 1) * size).Take(size)
            .Select(x => x.Row with { Cpf = scope.ShowCpf(x.Row.Cpf, x.Path) }).ToList();
        var yearEnds = new DateOnly(today.Year, 12, 31);
        return Result<TargetOutlookModel>.Ok(new TargetOutlookModel(programme.Id, programme.Name, target, today.Year, yearEnds, yearEnds.DayNumber - today.DayNumber,
            all.Count(x => x.Row.Status == TargetStatus.Met), all.Count(x => x.Row.Status == TargetStatus.OnTrack), all.Count(x => x.Row.Status == TargetStatus.WillMiss),
            new Page<TargetOutlookRow>(items, page, size, filtered.Count), byOrganization));
    }
}
