using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Accounts;

/// <summary>The person behind an account, as their own account page shows it (their CPF masked: the page may be on a shared screen).</summary>
public sealed record MyAccountPerson(string FullName, string MaskedCpf, string Organization, string? JobTitle, string? Manager, string PreferredLanguage, bool ReceivesOptionalEmails);

/// <summary>
/// What the signed-in person's account page and menu show: who they are, how they sign in (a password, an identity
/// provider), what they may do (roles, the organisation their administration or audit covers, none for the whole
/// installation) and how many API tokens
/// act for them.
/// </summary>
public sealed record MyAccount(string DisplayName, string Email, IReadOnlyList<string> Roles, string? ScopeOrganization, MyAccountPerson? Person,
    bool HasPassword, IReadOnlyList<string> SignInProviders, int ActiveApiTokens, DateTime CreatedAt);

/// <summary>The signed-in account's own summary; selected by the reader's account id, never by a parameter.</summary>
public static class GetMyAccount
{
    public static async Task<Result<MyAccount>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(time);
        var account = await db.Users.AsNoTracking().Where(u => u.Id == scope.UserId)
            .Select(u => new { u.DisplayName, u.Email, HasPassword = u.PasswordHash != null, u.CreatedAt, Scope = u.ScopeOrganization!.Name })
            .FirstOrDefaultAsync(ct);
        if (account is null)
        {
            return Error.NotFound("UserId", "Me.NoAccount");
        }

        var person = scope.PersonId is { } id
            ? await db.People.AsNoTracking().Where(p => p.Id == id)
                .Select(p => new { p.FullName, p.Cpf, Organization = p.Organization!.Name, p.JobTitle, Manager = p.Manager!.FullName, p.PreferredLanguage, p.ReceivesOptionalEmails })
                .FirstOrDefaultAsync(ct)
            : null;
        var providers = await db.UserLogins.AsNoTracking().Where(l => l.UserId == scope.UserId)
            .Select(l => l.ProviderDisplayName ?? l.LoginProvider).Distinct().ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var tokens = await db.ApiTokens.CountAsync(k => k.UserId == scope.UserId && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now), ct);
        return Result<MyAccount>.Ok(new MyAccount(account.DisplayName, account.Email ?? "", [.. Roles.All.Where(scope.Roles.Contains)],
            account.Scope,
            person is null ? null : new MyAccountPerson(person.FullName, Cpf.Mask(person.Cpf), person.Organization, person.JobTitle, person.Manager,
                person.PreferredLanguage, person.ReceivesOptionalEmails),
            account.HasPassword, providers, tokens, account.CreatedAt));
    }
}
