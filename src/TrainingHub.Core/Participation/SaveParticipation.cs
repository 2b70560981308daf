using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Participation;

/// <summary>
/// A participation as a form or API client sends it. <see cref="StatusSince"/> is the day a new status or stage took
/// effect (today when left out); <see cref="FocalPoints"/> holds e-mail addresses of people of the organisation, one a line
/// (commas and semicolons also separate them).
/// </summary>
public sealed record ParticipationRequest(
    int? OrganizationId, int? Stage, [property: JsonConverter(typeof(JsonStringEnumConverter))] ParticipationStatus? Status, DateOnly? StatusSince,
    string? FocalPoints, string? AgreementNumber, DateOnly? AgreementSignedOn, DateOnly? AgreementValidUntil, string? AgreementUrl, string? Notes);

/// <summary>
/// Adds an organisation to a programme the administrator's scope owns (id null), or changes its participation. The
/// organisation may be any (programmes train organisations other than their owner). A change of status or stage is kept
/// as a step of the history, dated on the day it took effect (never in the future, never before the last step). Every
/// change is audited. Field errors name what to fix; nothing is saved then.
/// </summary>
public static class SaveParticipation
{
    public const string NotFound = "Participation.NotFound";

    private static readonly char[] Separators = ['\n', '\r', ',', ';', ' ', '\t'];

    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int programmeId, int? id,
        ParticipationRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        if (!scope.IsAdministrator)
        {
            return Error.Forbidden("", "Participation.NotAllowed");
        }

        if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return Error.NotFound("", "Programme.NotFound");
        }

        ProgrammeParticipation? participation = null;
        DateOnly? lastStep = null;
        if (id is { } existing)
        {
            participation = await db.ProgrammeParticipations.InScope(scope).Include(p => p.FocalPoints)
                .SingleOrDefaultAsync(p => p.Id == existing && p.ProgrammeId == programmeId, ct);
            if (participation is null)
            {
                return Error.NotFound("", NotFound);
            }

            lastStep = await db.ParticipationChanges.Where(c => c.ParticipationId == existing).MaxAsync(c => (DateOnly?)c.EffectiveOn, ct);
        }

        var errors = new List<FieldError>();
        var today = SaoPaulo.Today(time);
        string? organizationPath = null;
        if (r.OrganizationId is not { } organizationId
            || (organizationPath = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Path).SingleOrDefaultAsync(ct)) is null)
        {
            errors.Add(new(nameof(r.OrganizationId), "Participation.OrganizationRequired"));
        }
        else if (participation is not null && participation.OrganizationId != organizationId)
        {
            errors.Add(new(nameof(r.OrganizationId), "Participation.OrganizationFixed"));
        }

        if (r.Status is not { } status || !Enum.IsDefined(status))
        {
            errors.Add(new(nameof(r.Status), "Participation.StatusRequired"));
            status = default;
        }

        if (r.Stage is { } stage && stage is < 1 or > 99)
        {
            errors.Add(new(nameof(r.Stage), "Participation.StageInvalid"));
        }

        var changes = participation is null || participation.Status != status || participation.Stage != r.Stage;
        var since = r.StatusSince ?? today;
        if (changes && since > today)
        {
            errors.Add(new(nameof(r.StatusSince), "Participation.DateInFuture"));
        }
        else if (changes && lastStep is { } last && since < last)
        {
            errors.Add(new(nameof(r.StatusSince), "Participation.DateBeforeLast", SaoPaulo.FormatDate(last)));
        }

        var number = CatalogInput.Optional(errors, nameof(r.AgreementNumber), r.AgreementNumber, 60);
        var url = CatalogInput.Optional(errors, nameof(r.AgreementUrl), r.AgreementUrl, 500);
        if (url is not null && !CatalogInput.IsHttpUrl(url))
        {
            errors.Add(new(nameof(r.AgreementUrl), "Participation.AgreementUrlInvalid"));
        }

        if (r.AgreementSignedOn is { } signed && r.AgreementValidUntil is { } until && until < signed)
        {
            errors.Add(new(nameof(r.AgreementValidUntil), "Participation.AgreementEndsBeforeSigned"));
        }

        var notes = CatalogInput.Optional(errors, nameof(r.Notes), r.Notes, 2000, multiline: true);
        var focalPoints = new List<int>();
        foreach (var email in (r.FocalPoints ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var personId = organizationPath is null
                ? null
                : await db.People.Where(p => p.Email.ToLower() == email.ToLowerInvariant() && p.AnonymizedAt == null && p.Organization!.Path.StartsWith(organizationPath))
                    .Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (personId is { } found)
            {
                focalPoints.Add(found);
            }
            else if (organizationPath is not null)
            {
                errors.Add(new(nameof(r.FocalPoints), "Participation.FocalPointUnknown", email));
            }
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        if (participation is null && await db.ProgrammeParticipations.AnyAsync(p => p.ProgrammeId == programmeId && p.OrganizationId == r.OrganizationId, ct))
        {
            return Error.Conflict(nameof(r.OrganizationId), "Participation.AlreadyTakesPart");
        }

        var now = time.GetUtcNow().UtcDateTime;
        participation ??= db.ProgrammeParticipations.Add(new ProgrammeParticipation { ProgrammeId = programmeId, OrganizationId = r.OrganizationId!.Value, CreatedAt = now }).Entity;
        if (changes)
        {
            participation.Status = status;
            participation.Stage = r.Stage;
            participation.StatusSince = since;
            participation.History.Add(new ParticipationChange { Status = status, Stage = r.Stage, EffectiveOn = since, RecordedAt = now, RecordedBy = scope.UserId });
        }

        participation.AgreementNumber = number;
        participation.AgreementSignedOn = r.AgreementSignedOn;
        participation.AgreementValidUntil = r.AgreementValidUntil;
        participation.AgreementUrl = url;
        participation.Notes = notes;
        participation.FocalPoints.RemoveAll(f => !focalPoints.Contains(f.PersonId));
        foreach (var personId in focalPoints.Where(p => participation.FocalPoints.TrueForAll(f => f.PersonId != p)))
        {
            participation.FocalPoints.Add(new ParticipationFocalPoint { PersonId = personId });
        }

        participation.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (id is null)
        {
            // Another request added the organisation between our check and our save: the unique index said no.
            db.ChangeTracker.Clear();
            return Error.Conflict(nameof(r.OrganizationId), "Participation.AlreadyTakesPart");
        }

        return Result<int>.Ok(participation.Id);
    }
}
