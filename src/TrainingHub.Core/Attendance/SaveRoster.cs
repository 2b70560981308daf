using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;

namespace TrainingHub.Core.Attendance;

public sealed record RosterEntry(int PersonId, AttendanceStatus Status, int? Minutes);

public sealed record SaveRosterRequest(int SessionId, IReadOnlyList<RosterEntry> Entries, string? Reason, AttendanceSource Source = AttendanceSource.Roster);

public sealed record SaveRosterOutcome(int Added, int Changed, int Unchanged, int EnrolmentsEvaluated);

/// <summary>
/// Records a whole roster in one go: existing rows are read once, then every addition and change is saved in one
/// SaveChanges (the audit interceptor writes one entry per changed row, with the reason). After the session is closed
/// a change needs a reason, and the class's completion is evaluated again; at-risk flags are evaluated after every save.
/// </summary>
public static class SaveRoster
{
    public const int MaxReasonLength = 1000;

    public static async Task<Result<SaveRosterOutcome>> HandleAsync(TrainingHubDbContext db, ReaderScope scope, TimeProvider time, IAuditActor actor,
        SaveRosterRequest r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(r);
        if (!await RosterAccess.MayRecordAsync(db, scope, r.SessionId, ct))
        {
            return Error.NotFound(nameof(r.SessionId), "Attendance.SessionNotFound");
        }

        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == r.SessionId)
            .Select(s => new { s.OfferingId, s.Status, s.CreditedMinutes, s.StartsAt }).SingleAsync(ct);
        if (session.Status == SessionStatus.Cancelled)
        {
            return Error.Conflict(nameof(r.SessionId), "Attendance.SessionCancelled");
        }

        if (!AttendanceTiming.MayRecord(session.StartsAt, time.GetUtcNow().UtcDateTime))
        {
            return Error.TooEarly(nameof(r.SessionId), "Attendance.TooEarlyToRecord", SaoPaulo.FormatDateTime(session.StartsAt.AddMinutes(-AttendanceTiming.RecordBeforeStartMinutes)));
        }

        var seated = EnrolmentStatuses.Seated;
        var seatHolders = (await db.Enrolments.AsNoTracking()
            .Where(e => e.OfferingId == session.OfferingId && seated.Contains(e.Status))
            .Select(e => e.PersonId).ToListAsync(ct)).ToHashSet();
        var errors = Validate(r.Entries ?? [], seatHolders, session.CreditedMinutes);
        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var reason = r.Reason?.Trim();
        var closed = session.Status == SessionStatus.Closed;
        var existing = await db.AttendanceRecords.Where(a => a.SessionId == r.SessionId).ToDictionaryAsync(a => a.PersonId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        int added = 0, changed = 0, unchanged = 0;
        foreach (var e in r.Entries ?? [])
        {
            var minutes = e.Status is AttendanceStatus.Excused or AttendanceStatus.Absent ? null : e.Minutes;
            if (existing.TryGetValue(e.PersonId, out var row))
            {
                if (row.Status == e.Status && row.Minutes == minutes)
                {
                    unchanged++;
                    continue;
                }

                row.Status = e.Status;
                row.Minutes = minutes;
                row.Source = r.Source;
                row.RecordedByUserId = scope.UserId;
                row.RecordedAt = now;
                changed++;
            }
            else
            {
                db.AttendanceRecords.Add(new AttendanceRecord
                {
                    SessionId = r.SessionId,
                    PersonId = e.PersonId,
                    Status = e.Status,
                    Minutes = minutes,
                    Source = r.Source,
                    RecordedByUserId = scope.UserId,
                    RecordedAt = now,
                });
                added++;
            }
        }

        if (closed && added + changed > 0 && string.IsNullOrEmpty(reason))
        {
            db.ChangeTracker.Clear();
            return Error.Validation(nameof(r.Reason), "Attendance.ReasonRequired");
        }

        if (added + changed == 0)
        {
            return Result<SaveRosterOutcome>.Ok(new SaveRosterOutcome(0, 0, unchanged, 0));
        }

        actor.Reason = reason is { Length: > MaxReasonLength } ? reason[..MaxReasonLength] : (string.IsNullOrEmpty(reason) ? null : reason);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            var evaluated = closed ? await EvaluateCompletion.HandleAsync(db, time, session.OfferingId, ct) : 0;
            await EvaluateAtRisk.HandleAsync(db, time, session.OfferingId, ct);
            await tx.CommitAsync(ct);
            return Result<SaveRosterOutcome>.Ok(new SaveRosterOutcome(added, changed, unchanged, evaluated));
        }
        finally
        {
            actor.Reason = null;
        }
    }

    private static List<FieldError> Validate(IReadOnlyList<RosterEntry> entries, HashSet<int> seatHolders, int sessionMinutes)
    {
        var errors = new List<FieldError>();
        var seen = new HashSet<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var field = $"Entries[{i}]";
            if (!seatHolders.Contains(e.PersonId))
            {
                errors.Add(new FieldError($"{field}.PersonId", "Attendance.NotSeated", e.PersonId));
            }
            else if (!seen.Add(e.PersonId))
            {
                errors.Add(new FieldError($"{field}.PersonId", "Attendance.Duplicate", e.PersonId));
            }

            if (!Enum.IsDefined(e.Status))
            {
                errors.Add(new FieldError($"{field}.Status", "Attendance.StatusInvalid"));
            }
            else if (e.Status == AttendanceStatus.Partial && e.Minutes is null)
            {
                errors.Add(new FieldError($"{field}.Minutes", "Attendance.MinutesRequired", sessionMinutes));
            }
            else if (e.Status is not (AttendanceStatus.Excused or AttendanceStatus.Absent) && e.Minutes is { } m
                && (m < (e.Status == AttendanceStatus.Partial ? 1 : 0) || m > sessionMinutes))
            {
                errors.Add(new FieldError($"{field}.Minutes", "Attendance.MinutesRange", sessionMinutes));
            }

            if (errors.Count >= 50)
            {
                break;
            }
        }

        return errors;
    }
}
