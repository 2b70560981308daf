using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit.Messages;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Audit;

/// <summary>
/// The scheduled verification: verifies the whole chain (<see cref="VerifyAuditChain"/>), records the verdict on the
/// chain head (the audit screen shows it) and, when it finds a problem it had not found before, alerts every
/// administrator of the whole installation by email through the outbox.
/// </summary>
public static class RunAuditVerification
{
    public static async Task<ChainVerification> HandleAsync(TrainingHubDbContext db, AuditSealing sealing, TimeProvider time, string publicUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var verdict = await VerifyAuditChain.HandleAsync(db, sealing, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var before = await db.AuditChainHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => new { h.VerifiedProblem, h.VerifiedSequence }).SingleAsync(ct);
        string? problem = verdict.Intact ? null : verdict.Problem.ToString();
        await db.AuditChainHeads.Where(h => h.Id == 1).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.VerifiedAt, now).SetProperty(h => h.VerifiedProblem, problem).SetProperty(h => h.VerifiedSequence, verdict.Sequence), ct);
        if (verdict.Intact || (before.VerifiedProblem == problem && before.VerifiedSequence == verdict.Sequence))
        {
            return verdict;
        }

        var administrators = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.Administrator && u.ScopeOrganizationId == null && u.Email != null
            select new { u.Email, u.DisplayName, u.PreferredLanguage, u.PersonId }).ToListAsync(ct);
        var key = string.Create(CultureInfo.InvariantCulture, $"{nameof(AuditChainBroken)}:{verdict.Problem}:{verdict.Sequence}:{now:yyyyMMddHHmmss}");
        var message = new AuditChainBroken(verdict.Problem, verdict.Sequence ?? 0, now, publicUrl.TrimEnd('/') + "/audit?verify=true");
        foreach (var a in administrators)
        {
            Outbox.Add(db, a.PersonId, a.Email!, a.PreferredLanguage, $"{key}:{a.Email}", message, now);
        }

        await db.SaveChangesAsync(ct);
        return verdict;
    }
}
