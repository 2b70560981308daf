using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

public sealed record CreateAccountRequest(string? Email, string? DisplayName, string? Password, string? Role, int? ScopeOrganizationId, int? PersonId, string? PreferredLanguage);

/// <summary>
/// Creates a sign-in account with one role. A scoped administrator can only create accounts inside their scope,
/// never an unscoped one. Password rules come from Identity (at least 12 characters; passphrases welcome).
/// </summary>
public static class CreateAccount
{
    public static async Task<Result<string>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, ReaderScope creator, TimeProvider time, CreateAccountRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(creator);
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<FieldError>();
        var email = r.Email?.Trim();
        if (string.IsNullOrEmpty(email) || !EmailAddress.IsValid(email))
        {
            errors.Add(new(nameof(r.Email), "Email.Invalid"));
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(new(nameof(r.Email), "Account.EmailTaken", email));
        }

        if (string.IsNullOrWhiteSpace(r.DisplayName))
        {
            errors.Add(new(nameof(r.DisplayName), "Account.NameRequired"));
        }

        if (r.Role is null || !Roles.All.Contains(r.Role))
        {
            errors.Add(new(nameof(r.Role), "Account.RoleInvalid"));
        }

        var scopeOrg = r.ScopeOrganizationId;
        if (scopeOrg is null && !creator.IsWholeInstallation)
        {
            scopeOrg = creator.OrganizationId;
        }

        if (scopeOrg is { } so && !await db.Organizations.InScope(creator).AnyAsync(o => o.Id == so, ct))
        {
            errors.Add(new(nameof(r.ScopeOrganizationId), "Organization.NotFound"));
        }

        if (r.PersonId is { } pid)
        {
            var personOrg = await db.People.InScope(creator).Where(p => p.Id == pid).Select(p => (int?)p.OrganizationId).FirstOrDefaultAsync(ct);
            if (personOrg is null)
            {
                errors.Add(new(nameof(r.PersonId), "Person.NotFound"));
            }
            else if (await db.Users.AnyAsync(u => u.PersonId == pid, ct))
            {
                // One account per person, whatever its role (the database holds it too): the state refuses, not the form.
                return Error.Conflict(nameof(r.PersonId), "Account.PersonHasAccount");
            }
            else if (r.Role is Roles.Trainee or Roles.Instructor)
            {
                // For trainees and instructors the organisation only says who manages the account; it grants nothing.
                scopeOrg = personOrg;
            }
        }

        var language = Languages.IsSupported(r.PreferredLanguage) ? r.PreferredLanguage! : Languages.Portuguese;
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = r.DisplayName!.Trim(),
            PersonId = r.PersonId,
            ScopeOrganizationId = scopeOrg,
            PreferredLanguage = language,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };

        // Password check first, so a weak password creates nothing at all.
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, r.Password ?? "");
            errors.AddRange(IdentityErrors.ToFields(nameof(r.Password), check.Errors, users.Options));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, r.Password!);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, r.Role!);
        }

        if (!created.Succeeded)
        {
            return Error.Validation(IdentityErrors.ToFields(nameof(r.Email), created.Errors, users.Options, email));
        }

        await tx.CommitAsync(ct);
        return Result<string>.Ok(user.Id);
    }
}
