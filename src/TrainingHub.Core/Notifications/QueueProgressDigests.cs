using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications.Messages;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// The monthly digest of each trainee's hours this year against the targets of their programmes (from
/// <see cref="GetPersonHours"/>, so from <see cref="CreditedAttendance"/>): to members of a programme with a target and
/// to people enrolled this year in its classes, each target with the hours of the sessions still to come where the
/// person holds a seat, so someone who will miss it is told while they can still enrol (<see cref="TargetOutlook"/>).
/// Optional; one per person and month, so running again queues nothing.
/// </summary>
public static class QueueProgressDigests
{
    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, string? publicUrl, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var today = SaoPaulo.Today(time);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var yearEnd = SaoPaulo.ToUtc(new DateTime(today.Year + 1, 1, 1));
        var targeted = db.Programmes.Where(p => p.TargetMinutes != null).Select(p => p.Id);
        var members = db.ProgrammeMembers.Where(m => targeted.Contains(m.ProgrammeId)).Select(m => m.PersonId);
        var seated = EnrolmentStatuses.Seated;
        var enrolled = db.Enrolments.Where(e => seated.Contains(e.Status) && e.Offering!.ProgrammeId != null && targeted.Contains(e.Offering.ProgrammeId.Value)
            && e.Offering.EndsOn >= yearStart).Select(e => e.PersonId);
        var people = await db.People.AsNoTracking()
            .Where(p => p.AnonymizedAt == null && (members.Contains(p.Id) || enrolled.Contains(p.Id)))
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.Email, p.PreferredLanguage }).ToListAsync(ct);
        // Booked minutes of everyone in the targeted programmes, read once rather than per person.
        var booked = await TargetOutlook.Booked(db, now, yearEnd).Where(b => targeted.Contains(b.ProgrammeId))
            .ToDictionaryAsync(b => (b.PersonId, b.ProgrammeId), b => b.Minutes, ct);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"progress-digest:{today.Year:D4}-{today.Month:D2}:");
        var done = (await db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith(prefix)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var hoursUrl = string.IsNullOrWhiteSpace(publicUrl) ? null : publicUrl.TrimEnd('/') + "/hours";
        var queued = 0;
        foreach (var p in people)
        {
            var key = prefix + p.Id.ToString(CultureInfo.InvariantCulture);
            if (done.Contains(key))
            {
                continue;
            }

            // The person's own view of their hours: the one rule for credited hours, nothing re-derived here.
            var self = new ReaderScope("digest", p.Id, new HashSet<string>(), null, null);
            var hours = await GetPersonHours.HandleAsync(db, self, time, p.Id, ct);
            if (!hours.Succeeded)
            {
                continue;
            }

            var h = hours.Value!;
            var targets = h.Targets.Where(t => t.TargetMinutes is not null).ToList();
            if (targets.Count == 0)
            {
                continue;
            }

            var message = new YearlyProgressDigest(h.FullName, h.Year, today.Month, today, h.CreditedMinutesThisYear,
                [.. targets.Select(t => new ProgrammeTarget(t.Programme, t.TargetMinutes ?? 0, t.CreditedMinutes, t.Percent ?? 0, booked.GetValueOrDefault((p.Id, t.ProgrammeId))))],
                hoursUrl);
            Outbox.Add(db, p.Id, p.Email, p.PreferredLanguage, key, message, now);
            queued++;
        }

        if (queued > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return queued;
    }
}
