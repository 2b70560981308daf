using System.Net.Mail;
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
        var cpf = Cpf.Normalize(r.Cpf);
        if (string.IsNullOrWhiteSpace(r.Cpf))
        {
            errors.Add(new(nameof(r.Cpf), "Cpf.Required"));
        }
        else if (cpf is null || !Cpf.IsValid(cpf))
        {
            errors.Add(new(nameof(r.Cpf), "Cpf.Invalid", r.Cpf));
        }

        var name = r.FullName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(new(nameof(r.FullName), "Person.NameRequired"));
        }
        else if (name.Length > 200)
        {
            errors.Add(new(nameof(r.FullName), "Field.TooLong", 200));
        }

        var email = r.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 254 || !MailAddress.TryCreate(email, out _))
        {
            errors.Add(new(nameof(r.Email), "Email.Invalid"));
        }

        var language = string.IsNullOrWhiteSpace(r.PreferredLanguage) ? Languages.Portuguese : r.PreferredLanguage;
        if (!Languages.IsSupported(language))
        {
            errors.Add(new(nameof(r.PreferredLanguage), "Language.Unsupported", language));
        }

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
            return Result<int>.Fail(errors);
        }

        var person = new Person
        {
            Cpf = cpf!,
            FullName = name!,
            Email = email!,
            OrganizationId = r.OrganizationId!.Value,
            JobTitle = Trim(r.JobTitle, 120),
            RegistrationNumber = Trim(r.RegistrationNumber, 40),
            PreferredLanguage = language,
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
                return Result<int>.Fail(nameof(r.Cpf), "Cpf.Duplicate", Cpf.Format(cpf!));
            }

            throw;
        }

        return Result<int>.Ok(person.Id);
    }

    private static string? Trim(string? value, int max)
    {
        var t = value?.Trim();
        return string.IsNullOrEmpty(t) ? null : t.Length > max ? t[..max] : t;
    }
}
