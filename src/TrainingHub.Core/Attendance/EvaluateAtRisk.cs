using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance.Messages;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Attendance;

/// <summary>One session of a class as one person stands in it: held (closed) or not, what it credits, their record (if any) and the minutes it credited them.</summary>
public sealed record AtRiskSession(int Id, bool Closed, int CreditedMinutes, AttendanceStatus? Record, int Credited);

/// <summary>
/// Re-evaluates the at-risk conditions of every seated enrolment of a class after an attendance change (roster save,
/// session close, import, justification decision). A confirmed enrolment is flagged when (a) even attending every
/// session not yet held it can no longer reach the course minimum (or its required minutes), or (b) it missed two
/// sessions in a row (absent, or no record in a closed session; excused does not count). A flag that no longer holds
/// is resolved; finished enrolments (completed, failed) have none. Each condition of an enrolment queues one message to
/// the person and one to their manager, ever (idempotency keys). Webinar series are not evaluated (no completion rule).
/// Saves with the caller's transaction.
/// </summary>
public static class EvaluateAtRisk
{
    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var course = await db.Offerings.OfType<CourseClass>().AsNoTracking().Where(o => o.Id == offeringId)
            .Select(o => new { o.Title, o.Code, o.Course!.MinAttendancePercent, o.Course.RequiredMinutes }).FirstOrDefaultAsync(ct);
        if (course is null)
        {
            return 0;
        }

        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == offeringId && s.Status != SessionStatus.Cancelled)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Title, s.StartsAt, s.Status, s.CreditedMinutes }).ToListAsync(ct);
        var seated = EnrolmentStatuses.Seated;
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offeringId && seated.Contains(e.Status))
            .Select(e => new { e.Id, e.PersonId, e.Status }).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var records = (await db.AttendanceRecords.AsNoTracking().Where(a => sessionIds.Contains(a.SessionId))
            .Select(a => new { a.SessionId, a.PersonId, a.Status }).ToListAsync(ct)).ToDictionary(a => (a.SessionId, a.PersonId), a => a.Status);
        var credited = (await CreditedAttendance.Query(db).Where(c => c.OfferingId == offeringId)
            .Select(c => new { c.SessionId, c.PersonId, c.CreditedMinutes }).ToListAsync(ct)).ToDictionary(c => (c.SessionId, c.PersonId), c => c.CreditedMinutes);
        var flags = await db.AtRiskFlags.Where(f => f.OfferingId == offeringId).ToListAsync(ct);
        var byKey = flags.ToDictionary(f => (f.EnrolmentId, f.Condition));
        var now = time.GetUtcNow().UtcDateTime;
        var raised = new List<(int EnrolmentId, int PersonId, AtRiskCondition Condition, string Detail)>();
        var changes = 0;

        foreach (var e in enrolments)
        {
            var holds = e.Status == EnrolmentStatus.Confirmed
                ? Assess(sessions.Select(s => new AtRiskSession(s.Id, s.Status == SessionStatus.Closed, s.CreditedMinutes,
                    records.TryGetValue((s.Id, e.PersonId), out var status) ? status : null, credited.GetValueOrDefault((s.Id, e.PersonId)))).ToList(),
                    course.MinAttendancePercent, course.RequiredMinutes)
                : [];

            foreach (var condition in Enum.GetValues<AtRiskCondition>())
            {
                byKey.TryGetValue((e.Id, condition), out var flag);
                if (holds.TryGetValue(condition, out var detail))
                {
                    if (flag is null)
                    {
                        db.AtRiskFlags.Add(new AtRiskFlag { EnrolmentId = e.Id, OfferingId = offeringId, PersonId = e.PersonId, Condition = condition, Detail = detail, RaisedAt = now });
                        changes++;
                    }
                    else if (flag.ResolvedAt is not null || flag.Detail != detail)
                    {
                        if (flag.ResolvedAt is not null)
                        {
                            flag.RaisedAt = now;
                        }

                        flag.ResolvedAt = null;
                        flag.Detail = detail;
                        changes++;
                    }

                    raised.Add((e.Id, e.PersonId, condition, detail));
                }
                else if (flag is { ResolvedAt: null })
                {
                    flag.ResolvedAt = now;
                    changes++;
                }
            }
        }

        var queued = await QueueAsync(db, now, course.Title, course.Code, sessions.ToDictionary(s => s.Id, s => (s.Title, s.StartsAt)), raised, ct);
        if (changes + queued > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return raised.Count;
    }

    /// <summary>
    /// The rule for one confirmed enrolment, from the class's sessions in order (each with the person's record and
    /// credited minutes): the conditions that hold, each with its detail. (a) Attending every session still open, the
    /// person can no longer reach the course minimum of the planned minutes, or the required minutes. (b) Two sessions
    /// in a row missed: absent, or no record in a closed session (excused does not count).
    /// </summary>
    public static Dictionary<AtRiskCondition, string> Assess(IReadOnlyList<AtRiskSession> sessions, int minAttendancePercent, int? requiredMinutes)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var holds = new Dictionary<AtRiskCondition, string>();
        var planned = sessions.Sum(s => s.CreditedMinutes);
        if (planned <= 0)
        {
            return holds;
        }

        var needed = Math.Max((int)Math.Ceiling(planned * minAttendancePercent / 100.0), requiredMinutes ?? 0);
        var possible = 0;
        string? previousMissed = null;
        string? pair = null;
        foreach (var s in sessions)
        {
            var done = s.Record is not null || s.Closed;
            possible += done ? s.Credited : s.CreditedMinutes;
            var missed = done && s.Record is null or AttendanceStatus.Absent;
            var id = s.Id.ToString(CultureInfo.InvariantCulture);
            if (missed && previousMissed is not null && pair is null)
            {
                pair = previousMissed + "," + id;
            }

            previousMissed = missed ? id : null;
        }

        if ((long)possible * 100 < (long)minAttendancePercent * planned || (requiredMinutes is { } req && possible < req))
        {
            holds[AtRiskCondition.CannotReachMinimum] = string.Create(CultureInfo.InvariantCulture, $"possible={possible};needed={needed};planned={planned};min={minAttendancePercent}");
        }

        if (pair is not null)
        {
            holds[AtRiskCondition.ConsecutiveAbsences] = "sessions=" + pair;
        }

        return holds;
    }

    private static async Task<int> QueueAsync(TrainingHubDbContext db, DateTime now, string title, string code, Dictionary<int, (string Title, DateTime StartsAt)> sessions,
        List<(int EnrolmentId, int PersonId, AtRiskCondition Condition, string Detail)> raised, CancellationToken ct)
    {
        if (raised.Count == 0)
        {
            return 0;
        }

        var keys = raised.SelectMany(r => new[] { Key(r.EnrolmentId, r.Condition), Key(r.EnrolmentId, r.Condition) + ":manager" }).ToList();
        var sent = (await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var pending = raised.Where(r => !sent.Contains(Key(r.EnrolmentId, r.Condition)) || !sent.Contains(Key(r.EnrolmentId, r.Condition) + ":manager")).ToList();
        if (pending.Count == 0)
        {
            return 0;
        }

        var ids = pending.Select(r => r.PersonId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.FullName,
                p.Email,
                p.PreferredLanguage,
                Manager = p.Manager == null ? null : new { p.Manager.Id, p.Manager.FullName, p.Manager.Email, p.Manager.PreferredLanguage, p.Manager.AnonymizedAt },
            })
            .ToDictionaryAsync(p => p.Id, ct);
        var count = 0;
        foreach (var r in pending)
        {
            var p = people[r.PersonId];
            var parts = r.Detail.Split(['=', ';', ','], StringSplitOptions.RemoveEmptyEntries);
            var missed = r.Condition == AtRiskCondition.ConsecutiveAbsences
                ? parts.Skip(1).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).Where(sessions.ContainsKey)
                    .Select(id => new MissedSession(sessions[id].Title, sessions[id].StartsAt)).ToArray()
                : [];
            var values = r.Condition == AtRiskCondition.CannotReachMinimum
                ? r.Detail.Split(';').Select(x => x.Split('=')).ToDictionary(x => x[0], x => int.Parse(x[1], CultureInfo.InvariantCulture), StringComparer.Ordinal)
                : [];
            var (possible, needed, min) = (values.GetValueOrDefault("possible"), values.GetValueOrDefault("needed"), values.GetValueOrDefault("min"));
            var key = Key(r.EnrolmentId, r.Condition);
            if (!sent.Contains(key))
            {
                Outbox.Add(db, p.Id, p.Email, p.PreferredLanguage, key, new AttendanceAtRisk(p.FullName, title, code, r.Condition, possible, needed, min, missed), now);
                count++;
            }

            if (!sent.Contains(key + ":manager") && p.Manager is { AnonymizedAt: null } m)
            {
                Outbox.Add(db, m.Id, m.Email, m.PreferredLanguage, key + ":manager",
                    new AttendanceAtRiskManager(m.FullName, p.FullName, title, code, r.Condition, possible, needed, min, missed), now);
                count++;
            }
        }

        return count;
    }

    private static string Key(int enrolmentId, AtRiskCondition condition) =>
        string.Create(CultureInfo.InvariantCulture, $"AtRisk:{enrolmentId}:{condition}");
}
