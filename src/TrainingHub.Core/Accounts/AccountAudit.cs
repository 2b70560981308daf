using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;

namespace TrainingHub.Core.Accounts;

/// <summary>
/// What happens to an account without changing a column the audit interceptor records: signing in and out, a password
/// reset or change, a reset link sent. Each is one audit entry on the account (entity "ApplicationUser", so it sits
/// beside the account's own changes), scoped to the account's organisation, and never carries a secret: no password,
/// token, link or session key. A failed sign-in is not recorded: it would take longer for a real account than for an
/// unknown e-mail and tell the difference the sign-in page hides.
/// </summary>
public static class AccountAudit
{
    public const string SignIn = "SignIn";
    public const string SignOut = "SignOut";
    public const string SignOutEverywhere = "SignOutEverywhere";
    public const string PasswordReset = "PasswordReset";
    public const string PasswordChange = "PasswordChange";
    public const string ResetLinkSent = "ResetLinkSent";

    /// <summary>
    /// Adds the entry and saves the context (with whatever else the caller added, in one transaction). The actor is the
    /// account's owner unless <paramref name="actor"/> names someone else (an administrator sending a reset link).
    /// </summary>
    public static async Task RecordAsync(TrainingHubDbContext db, TimeProvider time, string userId, string action, CancellationToken ct, IAuditActor? actor = null, object? details = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, Organization = u.ScopeOrganizationId ?? (u.Person == null ? null : (int?)u.Person.OrganizationId) })
            .FirstOrDefaultAsync(ct);
        var entry = new AuditEntry
        {
            OccurredAt = AuditChain.Truncate(time.GetUtcNow().UtcDateTime),
            ActorUserId = actor is null ? userId : actor.UserId,
            ActorName = actor?.Name ?? owner?.DisplayName ?? userId,
            Action = action,
            EntityType = nameof(ApplicationUser),
            EntityId = userId,
            OrganizationId = owner?.Organization,
            AfterJson = details is null ? null : JsonSerializer.Serialize(details),
        };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
        db.Entry(entry).State = EntityState.Detached;
    }
}
