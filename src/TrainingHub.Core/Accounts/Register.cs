using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts.Messages;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.People;

namespace TrainingHub.Core.Accounts;

public sealed record RegisterRequest(string? Cpf, string? FullName, string? Email, int? OrganizationId, string? Password, string? Language);

/// <summary>
/// "Create my account" on the public page. Bad fields are refused naming each one. Otherwise the caller answers the
/// same neutral words whatever happened, and one e-mail goes to the address typed: a confirmation link when nothing
/// stands in the way, or, when the CPF or the address already has an account, where to recover access (never that
/// account's address). No e-mail at all after <see cref="SelfRegistrationSettings.PerAddressPerHour"/> requests to one
/// address in an hour. Nothing usable exists until the link is confirmed (<see cref="ConfirmRegistration"/>).
/// </summary>
public static class Register
{
    public const string Requested = "SelfRegistrationRequested";
    private const string ExistsKey = "RegistrationAccountExists:";

    public static async Task<Result<bool>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, TimeProvider time, SelfRegistrationSettings settings, string publicUrl,
        RegisterRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(r);
        var errors = new List<FieldError>();
        var cpf = PersonValidation.Cpf(r.Cpf, nameof(r.Cpf), errors);
        var name = PersonValidation.FullName(r.FullName, nameof(r.FullName), errors);
        var email = PersonValidation.Email(r.Email, nameof(r.Email), errors);
        var language = Languages.IsSupported(r.Language) ? r.Language! : Languages.Portuguese;
        var organization = r.OrganizationId is { } orgId
            ? await db.Organizations.AsNoTracking().Where(o => o.Id == orgId && o.IsActive).Select(o => new { o.Id, o.Name, o.Kind }).FirstOrDefaultAsync(ct)
            : null;
        if (organization is null || !settings.Accepts(organization.Kind))
        {
            errors.Add(new(nameof(r.OrganizationId), "Registration.OrganizationRequired"));
        }

        var probe = new ApplicationUser { DisplayName = name ?? "", UserName = email, Email = email };
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, probe, r.Password ?? "");
            errors.AddRange(IdentityErrors.ToFields(nameof(r.Password), check.Errors, users.Options));
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddHours(-1);
        var lower = email!.ToLowerInvariant();
        var recent = await db.RegistrationRequests.CountAsync(q => q.Email.ToLower() == lower && q.CreatedAt >= since, ct)
            + await db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith(ExistsKey + lower + ":") && m.CreatedAt >= since, ct);
        if (recent >= SelfRegistrationSettings.PerAddressPerHour)
        {
            return Result<bool>.Ok(false);
        }

        var normalized = users.NormalizeEmail(email);
        var hasAccount = await db.Users.AnyAsync(u => u.NormalizedEmail == normalized
            || (u.PersonId != null && db.People.Any(p => p.Id == u.PersonId && p.Cpf == cpf)), ct);
        if (hasAccount)
        {
            // Where to recover access, to the address typed; the account's own address is never named.
            var recover = $"{publicUrl.TrimEnd('/')}/account/forgot";
            Outbox.Add(db, null, email, language, ExistsKey + lower + ":" + now.Ticks.ToString(CultureInfo.InvariantCulture), new RegistrationAccountExists(name!, recover), now);
            await db.SaveChangesAsync(ct);
            return Result<bool>.Ok(true);
        }

        var token = InvitationTokens.NewToken();
        var request = new RegistrationRequest
        {
            Cpf = cpf!,
            FullName = name!,
            Email = email,
            OrganizationId = organization!.Id,
            Language = language,
            PasswordHash = users.PasswordHasher.HashPassword(probe, r.Password!),
            TokenHash = InvitationTokens.Hash(token),
            Status = RegistrationStatus.Unconfirmed,
            CreatedAt = now,
            ExpiresAt = now.AddHours(settings.LinkValidHours),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.RegistrationRequests.Add(request);
        await db.SaveChangesAsync(ct);
        var link = $"{publicUrl.TrimEnd('/')}/account/register/confirm?r={request.Id.ToString(CultureInfo.InvariantCulture)}&t={token}";
        Outbox.Add(db, null, email, language, "RegistrationConfirmation:" + request.Id.ToString(CultureInfo.InvariantCulture),
            new RegistrationConfirmation(name!, organization.Name, link, settings.LinkValidHours), now);
        Record(db, now, request, Requested, null, new { organizationId = request.OrganizationId, expiresAt = request.ExpiresAt });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>
    /// One audit entry on the request (entity "RegistrationRequest", scoped to its organisation), added to the context
    /// for the caller's save. It never holds the CPF, the passphrase, its hash, the token or the link.
    /// </summary>
    internal static void Record(TrainingHubDbContext db, DateTime now, RegistrationRequest request, string action, IAuditActor? actor, object details) =>
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredAt = AuditChain.Truncate(now),
            ActorUserId = actor?.UserId,
            ActorName = actor?.Name ?? request.FullName,
            Action = action,
            EntityType = nameof(RegistrationRequest),
            EntityId = request.Id.ToString(CultureInfo.InvariantCulture),
            OrganizationId = request.OrganizationId,
            AfterJson = JsonSerializer.Serialize(details),
        });
}
