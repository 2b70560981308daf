using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// Who an OpenID Connect provider (gov.br or any other) says signed in: its subject, and the CPF, e-mail and name
/// read from the claims the installation names.
/// </summary>
public sealed record ExternalIdentity(string Provider, string Subject, string? Cpf, string? Email, string? Name);

/// <summary>
/// The account an external sign-in opens. An account already linked to the provider's subject is used as it is.
/// Otherwise the CPF finds the person (one per CPF): their account is linked to the subject, or, where they have none
/// and <paramref name="createAccounts"/> allows it, a trainee account without a password is created for them with the
/// person's e-mail and language. Nobody is created for a CPF the installation does not know. Linking and creating are
/// audited (the CPF and the subject are not written: the account already names its person). Only an administrator's
/// lock refuses; a password locked by wrong attempts does not, since the provider checked who this is.
/// </summary>
public static class ExternalSignIn
{
    public const string Linked = "ExternalLoginLinked";
    public const string Created = "ExternalAccountCreated";

    public static async Task<Result<ApplicationUser>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, TimeProvider time, ExternalIdentity identity, bool createAccounts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(identity);
        var now = time.GetUtcNow();
        var known = await users.FindByLoginAsync(identity.Provider, identity.Subject);
        if (known is not null)
        {
            return AccountLock.IsIndefinite(known.LockoutEnd, now) ? Error.Forbidden("", "ExternalLogin.Locked") : Result<ApplicationUser>.Ok(known);
        }

        if (Cpf.Normalize(identity.Cpf) is not { } cpf || !Cpf.IsValid(cpf))
        {
            return Error.Validation(nameof(identity.Cpf), "ExternalLogin.NoCpf");
        }

        var person = await db.People.AsNoTracking().Where(p => p.Cpf == cpf && p.AnonymizedAt == null)
            .Select(p => new { p.Id, p.FullName, p.Email, p.OrganizationId, p.PreferredLanguage }).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            return Error.NotFound(nameof(identity.Cpf), "ExternalLogin.UnknownCpf");
        }

        var login = new UserLoginInfo(identity.Provider, identity.Subject, identity.Provider);
        var accountId = await db.Users.Where(u => u.PersonId == person.Id).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (accountId is not null)
        {
            var account = (await users.FindByIdAsync(accountId))!;
            if (AccountLock.IsIndefinite(account.LockoutEnd, now))
            {
                return Error.Forbidden("", "ExternalLogin.Locked");
            }

            if (!(await users.AddLoginAsync(account, login)).Succeeded)
            {
                // Another request linked the same subject a moment ago (a double click): that link serves.
                return await users.FindByLoginAsync(identity.Provider, identity.Subject) is { } raced ? Result<ApplicationUser>.Ok(raced) : Error.Conflict(nameof(identity.Subject), "ExternalLogin.Failed");
            }

            await AccountAudit.RecordAsync(db, time, account.Id, Linked, ct, details: new { provider = identity.Provider });
            return Result<ApplicationUser>.Ok(account);
        }

        if (!createAccounts)
        {
            return Error.NotFound(nameof(identity.Cpf), "ExternalLogin.NoAccount");
        }

        if (await users.FindByEmailAsync(person.Email) is not null)
        {
            // The person's e-mail already belongs to another account: an administrator has to sort out which is whose.
            return Error.Conflict(nameof(identity.Email), "ExternalLogin.EmailTaken");
        }

        var user = ApplicationUser.ForPerson(person.Id, person.Email, person.FullName, person.OrganizationId, person.PreferredLanguage, now.UtcDateTime);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Trainee);
        }

        if (created.Succeeded)
        {
            created = await users.AddLoginAsync(user, login);
        }

        if (!created.Succeeded)
        {
            // The unique person-per-account index or the login key refused: a concurrent first sign-in won.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await users.FindByLoginAsync(identity.Provider, identity.Subject) is { } raced ? Result<ApplicationUser>.Ok(raced) : Error.Conflict(nameof(identity.Subject), "ExternalLogin.Failed");
        }

        await AccountAudit.RecordAsync(db, time, user.Id, Created, ct, details: new { provider = identity.Provider, role = Roles.Trainee });
        await tx.CommitAsync(ct);
        return Result<ApplicationUser>.Ok(user);
    }
}
