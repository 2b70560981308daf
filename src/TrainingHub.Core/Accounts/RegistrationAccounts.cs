using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// The account a confirmed (and, where required, approved) request opens; shared by <see cref="ConfirmRegistration"/>
/// and <see cref="DecideRegistration"/>. One person per CPF: the person with that CPF gets the account, keeping the
/// name, e-mail and organisation of their record (the request only signs in with the confirmed address); a person is
/// created only where none has that CPF. The caller runs it inside its transaction and saves.
/// </summary>
internal static class RegistrationAccounts
{
    public const string Created = "SelfRegistrationAccountCreated";

    /// <summary>The new account's id, or a conflict ("Registration.HasAccount") when the CPF or the address has one by now.</summary>
    public static async Task<Result<string>> OpenAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, DateTime now, RegistrationRequest request, IAuditActor? actor, CancellationToken ct)
    {
        var person = await db.People.Where(p => p.Cpf == request.Cpf && p.AnonymizedAt == null)
            .Select(p => new { p.Id, p.FullName, p.OrganizationId }).FirstOrDefaultAsync(ct);
        if (await db.People.AnyAsync(p => p.Cpf == request.Cpf && p.AnonymizedAt != null, ct))
        {
            // An anonymised person's CPF is gone for good; no second person is made for it.
            return Error.Conflict(nameof(request.Cpf), "Registration.HasAccount");
        }

        if ((person is not null && await db.Users.AnyAsync(u => u.PersonId == person.Id, ct)) || await users.FindByEmailAsync(request.Email) is not null)
        {
            return Error.Conflict(nameof(request.Cpf), "Registration.HasAccount");
        }

        var personId = person?.Id;
        if (personId is null)
        {
            var created = new Person
            {
                Cpf = request.Cpf,
                FullName = request.FullName,
                Email = request.Email,
                OrganizationId = request.OrganizationId,
                PreferredLanguage = request.Language,
                CreatedAt = now,
            };
            db.People.Add(created);
            await db.SaveChangesAsync(ct);
            personId = created.Id;
        }

        var user = ApplicationUser.ForPerson(personId.Value, request.Email, person?.FullName ?? request.FullName, person?.OrganizationId ?? request.OrganizationId, request.Language, now);
        user.PasswordHash = request.PasswordHash;
        var result = await users.CreateAsync(user);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, Roles.Trainee);
        }

        if (!result.Succeeded)
        {
            return Error.Conflict(nameof(request.Cpf), "Registration.HasAccount");
        }

        request.Status = RegistrationStatus.Approved;
        request.PersonId = personId;
        request.UserId = user.Id;
        request.PasswordHash = null;
        request.DecidedAt = now;
        request.DecidedByUserId = actor?.UserId;
        Register.Record(db, now, request, Created, actor, new { personId, matchedExistingPerson = person is not null, emailDiffers = request.EmailDiffers, role = Roles.Trainee });
        await db.SaveChangesAsync(ct);
        return Result<string>.Ok(user.Id);
    }
}
