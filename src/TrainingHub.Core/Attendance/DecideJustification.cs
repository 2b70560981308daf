using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance.Messages;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Attendance;

public sealed record DecideJustificationRequest(int JustificationId, bool Accept, string? Reason);

public sealed record DecideJustificationOutcome(int JustificationId, JustificationStatus Status);

/// <summary>
/// An instructor of the session's offering, or an administrator in scope, accepts or rejects a pending justification
/// (a rejection needs a reason). Accepted: the attendance row becomes Excused (documented, credits no hours), audited
/// with the decision as reason. Either way the trainee is told (one message per decision), and completion and at-risk
/// flags are evaluated again, in one transaction.
/// </summary>
public static class DecideJustification
{
    public static async Task<Result<DecideJustificationOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IAuditActor actor,
        DecideJustificationRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(r);
        var j = await db.AbsenceJustifications.Include(x => x.AttendanceRecord).Include(x => x.Person).FirstOrDefaultAsync(x => x.Id == r.JustificationId, ct);
        if (j is null || !await RosterAccess.MayRecordAsync(db, scope, j.SessionId, ct))
        {
            return Error.NotFound(nameof(r.JustificationId), "Justification.NotFound");
        }

        var reason = r.Reason?.Trim();
        if (j.Status != JustificationStatus.Pending)
        {
            return Error.Conflict(nameof(r.JustificationId), "Justification.AlreadyDecided");
        }

        if (!r.Accept && string.IsNullOrEmpty(reason))
        {
            return Error.Validation(nameof(r.Reason), "Justification.ReasonRequired");
        }

        if (reason is { Length: > SaveRoster.MaxReasonLength })
        {
            return Error.Validation(nameof(r.Reason), "Justification.ReasonTooLong", SaveRoster.MaxReasonLength);
        }

        var record = j.AttendanceRecord!;
        if (r.Accept && record.Status != AttendanceStatus.Absent)
        {
            return Error.Conflict(nameof(r.JustificationId), "Justification.NoLongerAbsent");
        }

        var now = time.GetUtcNow().UtcDateTime;
        j.Status = r.Accept ? JustificationStatus.Accepted : JustificationStatus.Rejected;
        j.DecidedAt = now;
        j.DecidedByUserId = scope.UserId;
        j.DecisionReason = string.IsNullOrEmpty(reason) ? null : reason;
        if (r.Accept)
        {
            record.Status = AttendanceStatus.Excused;
            record.Minutes = null;
            record.RecordedByUserId = scope.UserId;
            record.RecordedAt = now;
        }

        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == j.SessionId)
            .Select(s => new { s.Title, s.StartsAt, s.OfferingId, Offering = s.Offering!.Title, s.Offering.Code }).SingleAsync(ct);
        var person = j.Person!;
        IEmailMessage message = r.Accept
            ? new AbsenceJustificationAccepted(person.FullName, session.Offering, session.Code, session.Title, session.StartsAt, j.DecisionReason)
            : new AbsenceJustificationRejected(person.FullName, session.Offering, session.Code, session.Title, session.StartsAt, j.DecisionReason);
        await Outbox.QueueAsync(db, person, string.Create(CultureInfo.InvariantCulture, $"{EmailMessages.NameOf(message)}:{j.Id}"), message, now, ct);

        actor.Reason = string.Create(CultureInfo.InvariantCulture, $"absence justification #{j.Id} {(r.Accept ? "accepted" : "rejected")}")
            + (j.DecisionReason is null ? "" : ": " + j.DecisionReason);
        if (actor.Reason.Length > SaveRoster.MaxReasonLength)
        {
            actor.Reason = actor.Reason[..SaveRoster.MaxReasonLength];
        }

        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Claim the row (a no-op conditional update takes its lock): of two reviewers deciding at once, one wins.
            var claimed = await db.AbsenceJustifications.Where(x => x.Id == j.Id && x.Status == JustificationStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.SizeBytes, x => x.SizeBytes), ct);
            if (claimed == 0)
            {
                db.ChangeTracker.Clear();
                return Error.Conflict(nameof(r.JustificationId), "Justification.AlreadyDecided");
            }

            await db.SaveChangesAsync(ct);
            if (r.Accept)
            {
                await EvaluateCompletion.HandleAsync(db, time, session.OfferingId, ct);
                await EvaluateAtRisk.HandleAsync(db, time, session.OfferingId, ct);
            }

            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Error.Conflict(nameof(r.JustificationId), "Justification.AlreadyDecided");
        }
        finally
        {
            actor.Reason = null;
        }

        return Result<DecideJustificationOutcome>.Ok(new DecideJustificationOutcome(j.Id, j.Status));
    }
}
