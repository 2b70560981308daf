using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.People;

/// <param name="Cpf">Blank keeps the CPF as it is (readers who only see it masked correct the other fields).</param>
/// <param name="IsFocalPoint">Whether the person answers training-needs surveys for their organisation; null keeps it as it is.</param>
public sealed record UpdatePersonRequest(string? FullName, string? Cpf, string? Email, int? OrganizationId, int? ManagerId, string? JobTitle, string? RegistrationNumber,
    bool? IsFocalPoint = null);

/// <summary>
/// Corrects a person's record (name, CPF re-validated, e-mail, organisation, manager, job title, registration
/// number): an administrator whose scope holds the person and the new organisation. Every field is checked as on
/// registration and named when refused; nothing changes then. The audit trail records before and after; reports read
/// the corrected record at once, certificates after a reissue.
/// </summary>
public static class UpdatePerson
{
    public static async Task<Result<int>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, int personId, UpdatePersonRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(r);
        var person = scope.IsAdministrator ? await db.People.InScope(scope).FirstOrDefaultAsync(p => p.Id == personId, ct) : null;
        if (person is null)
        {
            return Error.NotFound("PersonId", "Person.NotFound");
        }

        if (person.AnonymizedAt is not null)
        {
            return Error.Conflict("PersonId", "Person.AnonymizedNoEdit");
        }

        var errors = new List<FieldError>();
        var cpf = string.IsNullOrWhiteSpace(r.Cpf) ? person.Cpf : PersonValidation.Cpf(r.Cpf, nameof(r.Cpf), errors);
        var name = PersonValidation.FullName(r.FullName, nameof(r.FullName), errors);
        var email = PersonValidation.Email(r.Email, nameof(r.Email), errors);
        if (r.OrganizationId is not { } orgId || !await db.Organizations.InScope(scope).AnyAsync(o => o.Id == orgId, ct))
        {
            errors.Add(new(nameof(r.OrganizationId), "Organization.NotFound"));
        }

        if (r.ManagerId is { } managerId
            && (managerId == personId || !await db.People.InScope(scope).AnyAsync(p => p.Id == managerId && p.AnonymizedAt == null, ct)))
        {
            errors.Add(new(nameof(r.ManagerId), "Person.ManagerNotFound"));
        }

        if (cpf is not null && cpf != person.Cpf && await db.People.AnyAsync(p => p.Cpf == cpf && p.Id != personId, ct))
        {
            errors.Add(new(nameof(r.Cpf), "Cpf.Duplicate", Cpf.Format(cpf)));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        person.FullName = name!;
        person.Cpf = cpf!;
        person.Email = email!;
        person.OrganizationId = r.OrganizationId!.Value;
        person.ManagerId = r.ManagerId;
        person.JobTitle = PersonValidation.Optional(r.JobTitle, PersonValidation.JobTitleMax);
        person.RegistrationNumber = PersonValidation.Optional(r.RegistrationNumber, PersonValidation.RegistrationMax);
        if (r.IsFocalPoint is { } focalPoint)
        {
            person.IsFocalPoint = focalPoint;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have taken the same CPF between our check and our save: the unique index said no.
            db.ChangeTracker.Clear();
            if (await db.People.AsNoTracking().AnyAsync(p => p.Cpf == cpf && p.Id != personId, ct))
            {
                return Error.Validation(nameof(r.Cpf), "Cpf.Duplicate", Cpf.Format(cpf!));
            }

            throw;
        }

        return Result<int>.Ok(person.Id);
    }
}
