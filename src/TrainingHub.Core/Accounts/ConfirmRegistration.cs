using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

public enum RegistrationOutcome
{
    /// <summary>The account exists: the person signs in with the e-mail and passphrase they chose.</summary>
    AccountReady,

    /// <summary>An administrator in the organisation's scope decides; the person is told by e-mail either way.</summary>
    AwaitingApproval,
}

/// <summary>Who a still valid confirmation link is for, shown before the person confirms.</summary>
public sealed record RegistrationPreview(string Name, string Email, string Organization);

/// <summary>
/// Confirming a self-registration's e-mail by its link (a form posted from the page the link opens, so a mail scanner
/// fetching the link confirms nothing). An unknown, altered, used or expired link all answer the same "link no longer
/// valid"; the request is claimed with a conditional update, so the link works once. The CPF is matched to a person
/// now: where that person's record has another e-mail, an administrator decides even when approval is not required
/// (anyone can type a CPF; only the record's address proves it is theirs). A CPF or address that already has an
/// account closes the request and the page sends the person to recover access.
/// </summary>
public static class ConfirmRegistration
{
    public const string Confirmed = "SelfRegistrationConfirmed";

    public static async Task<Result<RegistrationPreview>> PreviewAsync(TrainingHubDbContext db, TimeProvider time, int? requestId, string? token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var request = await FindAsync(db, time, requestId, token, ct);
        if (request is null)
        {
            return Error.Conflict("Token", "Registration.LinkInvalid");
        }

        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == request.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        return Result<RegistrationPreview>.Ok(new RegistrationPreview(request.FullName, request.Email, organization));
    }

    public static async Task<Result<RegistrationOutcome>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, TimeProvider time, SelfRegistrationSettings settings,
        int? requestId, string? token, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(settings);
        if (await FindAsync(db, time, requestId, token, ct) is not { } found)
        {
            return Error.Conflict("Token", "Registration.LinkInvalid");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.RegistrationRequests.Where(q => q.Id == found.Id && q.Status == RegistrationStatus.Unconfirmed && q.TokenHash == found.TokenHash)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Status, RegistrationStatus.AwaitingApproval).SetProperty(q => q.ConfirmedAt, now), ct);
        if (claimed == 0)
        {
            return Error.Conflict("Token", "Registration.LinkInvalid");
        }

        var request = await db.RegistrationRequests.SingleAsync(q => q.Id == found.Id, ct);
        var person = await db.People.AsNoTracking().Where(p => p.Cpf == request.Cpf && p.AnonymizedAt == null)
            .Select(p => new { p.Id, p.Email, p.OrganizationId }).FirstOrDefaultAsync(ct);
        var taken = await users.FindByEmailAsync(request.Email) is not null
            || await db.People.AnyAsync(p => p.Cpf == request.Cpf && (p.AnonymizedAt != null || db.Users.Any(u => u.PersonId == p.Id)), ct);
        if (taken)
        {
            request.Status = RegistrationStatus.Closed;
            request.PasswordHash = null;
            Register.Record(db, now, request, Confirmed, null, new { outcome = "HasAccount" });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Error.Conflict("Token", "Registration.HasAccount");
        }

        if (person is not null)
        {
            // The record's organisation decides who approves and where the account belongs.
            request.PersonId = person.Id;
            request.OrganizationId = person.OrganizationId;
            request.EmailDiffers = !string.Equals(person.Email, request.Email, StringComparison.OrdinalIgnoreCase);
        }

        if (settings.RequireApproval || request.EmailDiffers)
        {
            Register.Record(db, now, request, Confirmed, null, new { outcome = nameof(RegistrationOutcome.AwaitingApproval), matchedExistingPerson = person is not null, emailDiffers = request.EmailDiffers });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<RegistrationOutcome>.Ok(RegistrationOutcome.AwaitingApproval);
        }

        Register.Record(db, now, request, Confirmed, null, new { outcome = nameof(RegistrationOutcome.AccountReady), matchedExistingPerson = person is not null });
        var opened = await RegistrationAccounts.OpenAsync(db, users, now, request, null, ct);
        if (!opened.Succeeded)
        {
            // A concurrent request or sign-in took the CPF or the address: nothing of this one is kept.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return opened.Error!;
        }

        await tx.CommitAsync(ct);
        return Result<RegistrationOutcome>.Ok(RegistrationOutcome.AccountReady);
    }

    private static async Task<RegistrationRequest?> FindAsync(TrainingHubDbContext db, TimeProvider time, int? requestId, string? token, CancellationToken ct)
    {
        if (requestId is not { } id || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.RegistrationRequests.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct);
        // The hash is compared (in constant time) before anything else is looked at.
        return found is null || !InvitationTokens.Matches(token, found.TokenHash) || found.Status != RegistrationStatus.Unconfirmed || found.ExpiresAt <= now ? null : found;
    }
}
