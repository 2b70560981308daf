using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance.Messages;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Surveys;

namespace TrainingHub.Core.Attendance;

/// <summary>
/// The outcome's reason, stored in a neutral form that screens translate: "attendance=62;min=75" and, when the course
/// requires hours, ";minutes=600;required=720". Percentages are rounded down, so "75" is shown only when 75 % is met.
/// </summary>
public sealed record CompletionReason(int AttendancePercent, int MinPercent, int CreditedMinutes, int? RequiredMinutes)
{
    public bool AttendanceMet { get; init; }
    public bool MinutesMet => RequiredMinutes is not { } req || CreditedMinutes >= req;

    public override string ToString() => RequiredMinutes is { } req
        ? string.Create(CultureInfo.InvariantCulture, $"attendance={AttendancePercent};min={MinPercent};minutes={CreditedMinutes};required={req}")
        : string.Create(CultureInfo.InvariantCulture, $"attendance={AttendancePercent};min={MinPercent}");

    public static CompletionReason? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.StartsWith("attendance=", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = text.Split(';').Select(p => p.Split('=')).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => int.TryParse(p[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0, StringComparer.Ordinal);
        var pct = parts.GetValueOrDefault("attendance");
        var min = parts.GetValueOrDefault("min");
        return new CompletionReason(pct, min, parts.GetValueOrDefault("minutes"), parts.TryGetValue("required", out var req) ? req : null) { AttendanceMet = pct >= min };
    }
}

/// <summary>
/// Evaluates every seated enrolment of a class once all its sessions are held (none scheduled): attendance of at
/// least the course minimum of the held sessions' credited minutes and, where set, the course's required minutes make
/// it Completed, otherwise Failed, with the reason. A changed outcome bumps the version and queues one message; an
/// unchanged one changes and queues nothing. Webinar series have no completion. Saves with the caller's transaction.
/// </summary>
public static class EvaluateCompletion
{
    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, int offeringId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var course = await db.Offerings.OfType<CourseClass>().AsNoTracking().Where(o => o.Id == offeringId)
            .Select(o => new { o.Title, o.Code, o.ProgrammeId, o.Course!.MinAttendancePercent, o.Course.RequiredMinutes }).FirstOrDefaultAsync(ct);
        if (course is null)
        {
            return 0;
        }

        var sessions = await db.Sessions.AsNoTracking().Where(s => s.OfferingId == offeringId && s.Status != SessionStatus.Cancelled)
            .Select(s => new { s.Status, s.CreditedMinutes }).ToListAsync(ct);
        var heldMinutes = sessions.Where(s => s.Status == SessionStatus.Closed).Sum(s => s.CreditedMinutes);
        if (sessions.Count == 0 || sessions.Any(s => s.Status != SessionStatus.Closed) || heldMinutes == 0)
        {
            return 0;
        }

        var seated = EnrolmentStatuses.Seated;
        var enrolments = await db.Enrolments.Where(e => e.OfferingId == offeringId && seated.Contains(e.Status)).ToListAsync(ct);
        // Every non-cancelled session of the class is closed here, so all its credited rows count.
        var credited = await CreditedAttendance.Query(db).Where(c => c.OfferingId == offeringId)
            .GroupBy(c => c.PersonId).Select(g => new { PersonId = g.Key, Minutes = g.Sum(c => c.CreditedMinutes) })
            .ToDictionaryAsync(x => x.PersonId, x => x.Minutes, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = new List<Enrolment.Enrolment>();
        var noLongerCompleted = new List<Enrolment.Enrolment>();
        foreach (var e in enrolments)
        {
            var (status, reason) = Decide(credited.GetValueOrDefault(e.PersonId), heldMinutes, course.MinAttendancePercent, course.RequiredMinutes);
            var text = reason.ToString();
            if (e.Status == status && e.OutcomeReason == text)
            {
                continue;
            }

            if (status == EnrolmentStatus.Completed && e.Status != EnrolmentStatus.Completed)
            {
                e.CompletedAt = now;
            }
            else if (status == EnrolmentStatus.Failed)
            {
                e.CompletedAt = null;
            }

            if (e.Status == EnrolmentStatus.Completed && status != EnrolmentStatus.Completed)
            {
                noLongerCompleted.Add(e);
            }

            e.Status = status;
            e.OutcomeReason = text;
            e.Version++;
            changed.Add(e);
        }

        if (changed.Count == 0)
        {
            return 0;
        }

        var ids = changed.Select(e => e.PersonId).ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Email, p.PreferredLanguage, p.FullName }).ToDictionaryAsync(p => p.Id, ct);
        var keys = changed.Select(Key).ToList();
        var evaluated = course.ProgrammeId is { } programmeId && await db.ProgrammeEvaluations.AnyAsync(pe => pe.ProgrammeId == programmeId, ct);
        var queued = (await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var e in changed)
        {
            var key = Key(e);
            if (queued.Contains(key))
            {
                continue;
            }

            var p = people[e.PersonId];
            var reason = CompletionReason.Parse(e.OutcomeReason);
            IEmailMessage message = e.Status == EnrolmentStatus.Completed
                ? await CompletedAsync(db, now, e.PersonId, offeringId, evaluated, new EnrolmentCompleted(p.FullName, course.Title, course.Code, reason), ct)
                : new EnrolmentFailed(p.FullName, course.Title, course.Code, reason);
            Outbox.Add(db, e.PersonId, p.Email, p.PreferredLanguage, key, message, now);
        }

        // A valid certificate of an enrolment this correction turned into not completed goes under review.
        await CertificateReview.PutUnderReviewAsync(db, noLongerCompleted, now, ct);
        await db.SaveChangesAsync(ct);
        return changed.Count;
    }

    /// <summary>
    /// The rule: Completed when the credited minutes are at least the course minimum (a percentage) of the held
    /// minutes and, where the course requires minutes, at least those; otherwise Failed. The reason says why.
    /// </summary>
    public static (EnrolmentStatus Status, CompletionReason Reason) Decide(int creditedMinutes, int heldMinutes, int minAttendancePercent, int? requiredMinutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heldMinutes);
        var attendanceMet = creditedMinutes * 100L >= (long)minAttendancePercent * heldMinutes;
        var reason = new CompletionReason((int)(creditedMinutes * 100L / heldMinutes), minAttendancePercent, creditedMinutes, requiredMinutes) { AttendanceMet = attendanceMet };
        return (attendanceMet && reason.MinutesMet ? EnrolmentStatus.Completed : EnrolmentStatus.Failed, reason);
    }

    /// <summary>The completion email carries the link to the class's evaluation while it is open for the person and unanswered.</summary>
    private static async Task<EnrolmentCompleted> CompletedAsync(TrainingHubDbContext db, DateTime now, int personId, int offeringId, bool evaluated,
        EnrolmentCompleted message, CancellationToken ct)
    {
        if (!evaluated)
        {
            return message;
        }

        var invitation = (await MyEvaluations.HandleAsync(db, personId, offeringId, ct))
            .FirstOrDefault(i => i.Kind == SurveyKind.ClassEvaluation && i.AnsweredAt is null && i.IsOpen(now));
        return invitation is null
            ? message
            : message with { EvaluationPath = MyEvaluations.PathOf(invitation.Key), EvaluationClosesAt = invitation.ClosesAt, EvaluationRequired = invitation.RequiredForCertificate };
    }

    private static string MessageType(Enrolment.Enrolment e) => e.Status == EnrolmentStatus.Completed ? nameof(EnrolmentCompleted) : nameof(EnrolmentFailed);

    private static string Key(Enrolment.Enrolment e) => string.Create(CultureInfo.InvariantCulture, $"{MessageType(e)}:{e.Id}:{e.Version}");
}
