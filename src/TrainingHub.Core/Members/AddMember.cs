using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Members;

/// <summary>Who to add: a person's number (the picker) or their CPF (API clients that know only that).</summary>
public sealed record AddMemberRequest(int? PersonId, string? Cpf = null);

/// <summary>
/// Adds a person of any organisation to a programme the administrator's scope owns. The person must exist and not be
/// anonymised; adding a member twice is a conflict (the table's key guards it too). Audited.
/// </summary>
public static class AddMember
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, int programmeId, AddMemberRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(r);
        if (!scope.IsAdministrator)
        {
            return Error.Forbidden("", "Members.NotAllowed");
        }

        if (!await db.Programmes.InScope(scope).AnyAsync(p => p.Id == programmeId, ct))
        {
            return Error.NotFound("", "Programme.NotFound");
        }

        var people = db.People.AsNoTracking().Where(p => p.AnonymizedAt == null);
        int? personId;
        string field;
        if (r.PersonId is { } id)
        {
            field = nameof(r.PersonId);
            personId = await people.Where(p => p.Id == id).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        }
        else if (string.IsNullOrWhiteSpace(r.Cpf))
        {
            return Error.Validation(nameof(r.PersonId), "Members.PersonRequired");
        }
        else
        {
            field = nameof(r.Cpf);
            var errors = new List<FieldError>();
            if (PersonValidation.Cpf(r.Cpf, field, errors) is not { } cpf)
            {
                return Error.Validation(errors);
            }

            personId = await people.Where(p => p.Cpf == cpf).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        }

        if (personId is not { } found)
        {
            return Error.Validation(field, "Members.PersonUnknown");
        }

        if (await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == programmeId && m.PersonId == found, ct))
        {
            return Error.Conflict(field, "Members.AlreadyMember");
        }

        db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programmeId, PersonId = found, JoinedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request added the same person between our check and our save: the key said no.
            db.ChangeTracker.Clear();
            return Error.Conflict(field, "Members.AlreadyMember");
        }

        return Result<int>.Ok(found);
    }
}
