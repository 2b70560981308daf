using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Participation;

public sealed record ParticipationFilter(
    [property: JsonConverter(typeof(JsonStringEnumConverter))] ParticipationStatus? Status = null,
    int? Stage = null, string? State = null, string? Search = null, int Page = 1, int PageSize = 25);

public sealed record ParticipationRow(int Id, int OrganizationId, string Organization, string? State, string? IbgeCode, int? Stage,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] ParticipationStatus Status, DateOnly StatusSince,
    string? AgreementNumber, DateOnly? AgreementValidUntil, int FocalPoints);

/// <summary>The organisations taking part in a programme the reader may see, filtered and paged; null when the programme is out of sight.</summary>
public static class ListParticipations
{
    public static async Task<Page<ParticipationRow>?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, ParticipationFilter f, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(f);
        if (!await Catalog.CatalogScope.InScope(db.Programmes, scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return null;
        }

        var (page, size) = Page<ParticipationRow>.Clamp(f.Page, f.PageSize);
        var q = Filter(db.ProgrammeParticipations.AsNoTracking().InScope(scope).Where(p => p.ProgrammeId == programmeId), f);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(p => p.Organization!.NameKey).ThenBy(p => p.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(p => new ParticipationRow(p.Id, p.OrganizationId, p.Organization!.Name, p.Organization.State, p.Organization.IbgeCode, p.Stage, p.Status,
                p.StatusSince, p.AgreementNumber, p.AgreementValidUntil, p.FocalPoints.Count))
            .ToListAsync(ct);
        return new Page<ParticipationRow>(rows, page, size, total);
    }

    internal static IQueryable<ProgrammeParticipation> Filter(IQueryable<ProgrammeParticipation> q, ParticipationFilter f)
    {
        if (f.Status is { } status)
        {
            q = q.Where(p => p.Status == status);
        }

        if (f.Stage is { } stage)
        {
            q = q.Where(p => p.Stage == stage);
        }

        if (!string.IsNullOrWhiteSpace(f.State))
        {
            var state = f.State.Trim().ToUpperInvariant();
            q = q.Where(p => p.Organization!.State == state);
        }

        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var key = NameKey.For(f.Search.Trim());
            q = q.Where(p => p.Organization!.NameKey.Contains(key) || p.Organization.IbgeCode == f.Search.Trim() || p.AgreementNumber == f.Search.Trim());
        }

        return q;
    }

    /// <summary>
    /// Organisations that may be added to the programme (any organisation not yet taking part, since programmes train
    /// others than their owner), as id and "name (UF)", for the searchable picker; with the one already chosen when editing.
    /// </summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> CandidatesAsync(TrainingHubDbContext db, int programmeId, int? chosen, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var taking = db.ProgrammeParticipations.Where(p => p.ProgrammeId == programmeId && p.OrganizationId != chosen).Select(p => p.OrganizationId);
        var rows = await db.Organizations.AsNoTracking().Where(o => o.IsActive && !taking.Contains(o.Id)).OrderBy(o => o.NameKey)
            .Select(o => new { o.Id, o.Name, o.State }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.State is null ? r.Name : $"{r.Name} ({r.State})")).ToList();
    }
}
