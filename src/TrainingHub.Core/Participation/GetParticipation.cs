using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Participation;

public sealed record FocalPointRow(int PersonId, string Name, string Email);

public sealed record ParticipationChangeRow([property: JsonConverter(typeof(JsonStringEnumConverter))] ParticipationStatus Status, int? Stage,
    DateOnly EffectiveOn, DateTime RecordedAt, string? RecordedBy);

public sealed record ParticipationDetail(int Id, int ProgrammeId, string Programme, int OrganizationId, string Organization, string? State, int? Stage,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] ParticipationStatus Status, DateOnly StatusSince,
    string? AgreementNumber, DateOnly? AgreementSignedOn, DateOnly? AgreementValidUntil, string? AgreementUrl, string? Notes,
    IReadOnlyList<FocalPointRow> FocalPoints, IReadOnlyList<ParticipationChangeRow> History)
{
    /// <summary>The detail as the edit form's request; the status date is left for the reader to set when they change the status.</summary>
    public ParticipationRequest ToRequest() =>
        new(OrganizationId, Stage, Status, null, string.Join(Environment.NewLine, FocalPoints.Select(f => f.Email)),
            AgreementNumber, AgreementSignedOn, AgreementValidUntil, AgreementUrl, Notes);
}

/// <summary>One participation of a programme the reader may see, with its focal points and its history (newest first); null when out of sight.</summary>
public static class GetParticipation
{
    public static async Task<ParticipationDetail?> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int programmeId, int id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var p = await db.ProgrammeParticipations.AsNoTracking().InScope(scope).Where(x => x.Id == id && x.ProgrammeId == programmeId)
            .Select(x => new
            {
                x.Id,
                x.ProgrammeId,
                Programme = x.Programme!.Name,
                x.OrganizationId,
                Organization = x.Organization!.Name,
                x.Organization.State,
                x.Stage,
                x.Status,
                x.StatusSince,
                x.AgreementNumber,
                x.AgreementSignedOn,
                x.AgreementValidUntil,
                x.AgreementUrl,
                x.Notes,
            })
            .SingleOrDefaultAsync(ct);
        if (p is null)
        {
            return null;
        }

        var focal = await db.ParticipationFocalPoints.AsNoTracking().Where(f => f.ParticipationId == id)
            .OrderBy(f => f.Person!.NameKey).Select(f => new FocalPointRow(f.PersonId, f.Person!.FullName, f.Person.Email)).ToListAsync(ct);
        var history = await db.ParticipationChanges.AsNoTracking().Where(c => c.ParticipationId == id)
            .OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.Id)
            .Select(c => new ParticipationChangeRow(c.Status, c.Stage, c.EffectiveOn, c.RecordedAt,
                db.Users.Where(u => u.Id == c.RecordedBy).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(ct);
        return new ParticipationDetail(p.Id, p.ProgrammeId, p.Programme, p.OrganizationId, p.Organization, p.State, p.Stage, p.Status, p.StatusSince,
            p.AgreementNumber, p.AgreementSignedOn, p.AgreementValidUntil, p.AgreementUrl, p.Notes, focal, history);
    }
}
