using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

public sealed record CreatePersonRequest(
    string? Cpf, string? FullName, string? Email, int? OrganizationId, string? JobTitle, string? RegistrationNumber, string? PreferredLanguage, int? ManagerId);

/// <summary>Registers a servant. Refuses an invalid or duplicate CPF, naming the field; changes nothing then.</summary>
public static class CreatePerson
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CreatePersonRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<FieldError>();
        var cpf = PersonValidation.Cpf(r.Cpf, nameof(r.Cpf), errors);
        var name = PersonValidation.FullName(r.FullName, nameof(r.FullName), errors);
        var email = PersonValidation.Email(r.Email, nameof(r.Email), errors);
        var language = PersonValidation.Language(r.PreferredLanguage, nameof(r.PreferredLanguage), errors);
        if (r.OrganizationId is not { } orgId || !await db.Organizations.InScope(scope).AnyAsync(o => o.Id == orgId, ct))
        {
            errors.Add(new(nameof(r.OrganizationId), "Organization.NotFound"));
        }

        if (r.ManagerId is { } managerId && !await db.People.InScope(scope).AnyAsync(p => p.Id == managerId, ct))
        {
            errors.Add(new(nameof(r.ManagerId), "Person.ManagerNotFound"));
        }

        if (errors.Count == 0 && await db.People.AnyAsync(p => p.Cpf == cpf, ct))
        {
            errors.Add(new(nameof(r.Cpf), "Cpf.Duplicate", Cpf.Format(cpf!)));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var person = new Person
        {
            Cpf = cpf!,
            FullName = name!,
            Email = email!,
            OrganizationId = r.OrganizationId!.Value,
            JobTitle = PersonValidation.Optional(r.JobTitle, PersonValidation.JobTitleMax),
            RegistrationNumber = PersonValidation.Optional(r.RegistrationNumber, PersonValidation.RegistrationMax),
            PreferredLanguage = language!,
            ManagerId = r.ManagerId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.People.Add(person);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have registered the same CPF between our check and our insert: the unique index said no.
            db.Entry(person).State = EntityState.Detached;
            if (await db.People.AsNoTracking().AnyAsync(p => p.Cpf == cpf, ct))
            {
                return Error.Validation(nameof(r.Cpf), "Cpf.Duplicate", Cpf.Format(cpf!));
            }

            throw;
        }

        return Result<int>.Ok(person.Id);
    }
}
