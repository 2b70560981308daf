using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts.Messages;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Accounts;

public sealed record RegistrationDecision(bool Approve, string? Reason);

/// <summary>
/// An administrator whose scope holds the request's organisation approves it (the account opens as on confirmation)
/// or refuses it with a reason; the person is told by e-mail both ways, and the decision is audited (the reason is
/// kept, the passphrase's hash is cleared either way). Outside the reader's scope the request does not exist (404);
/// one already decided answers a conflict.
/// </summary>
public static class DecideRegistration
{
    public const string Refused = "SelfRegistrationRefused";
    public const int ReasonMax = 500;

    public static async Task<Result<RegistrationStatus>> HandleAsync(TrainingHubDbContext db, UserManager<ApplicationUser> users, ReaderScope scope, IAuditActor actor, TimeProvider time,
        string publicUrl, int requestId, RegistrationDecision decision, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(decision);
        var visible = db.RegistrationRequests.Where(q => q.Id == requestId && q.Status != RegistrationStatus.Unconfirmed);
        if (scope.OrganizationPath is { } path)
        {
            visible = visible.Where(q => q.Organization!.Path.StartsWith(path));
        }

        var request = await visible.Include(q => q.Organization).FirstOrDefaultAsync(ct);
        if (request is null)
        {
            return Error.NotFound("Id", "Registration.NotFound");
        }

        if (request.Status != RegistrationStatus.AwaitingApproval)
        {
            return Error.Conflict("Id", "Registration.AlreadyDecided");
        }

        var reason = decision.Reason?.Trim();
        if (!decision.Approve)
        {
            var errors = new List<FieldError>();
            if (string.IsNullOrEmpty(reason))
            {
                errors.Add(new(nameof(decision.Reason), "Registration.ReasonRequired"));
            }
            else if (reason.Length > ReasonMax)
            {
                errors.Add(new(nameof(decision.Reason), "Field.TooLong", ReasonMax));
            }
            else
            {
                SingleLine.Check(errors, nameof(decision.Reason), reason);
            }

            if (errors.Count > 0)
            {
                return Error.Validation(errors);
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var organization = request.Organization!.Name;
        var key = "Registration" + (decision.Approve ? "Approved:" : "Refused:") + request.Id.ToString(CultureInfo.InvariantCulture);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.RegistrationRequests.Where(q => q.Id == request.Id && q.Status == RegistrationStatus.AwaitingApproval)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.DecidedAt, now), ct);
        if (claimed == 0)
        {
            return Error.Conflict("Id", "Registration.AlreadyDecided");
        }

        if (decision.Approve)
        {
            var opened = await RegistrationAccounts.OpenAsync(db, users, now, request, actor, ct);
            if (!opened.Succeeded)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return opened.Error!;
            }

            Outbox.Add(db, request.PersonId, request.Email, request.Language, key, new RegistrationApproved(request.FullName, organization, $"{publicUrl.TrimEnd('/')}/account/login"), now);
        }
        else
        {
            request.Status = RegistrationStatus.Refused;
            request.PasswordHash = null;
            request.DecidedAt = now;
            request.DecidedByUserId = actor.UserId;
            request.RefusalReason = reason;
            Register.Record(db, now, request, Refused, actor, new { reason });
            Outbox.Add(db, request.PersonId, request.Email, request.Language, key, new RegistrationRefused(request.FullName, organization, reason!), now);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<RegistrationStatus>.Ok(request.Status);
    }
}
