using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications.Messages;

namespace TrainingHub.Core.Notifications;

/// <summary>
/// Queues the reminders that are due: one day before each session (from 24 h to 1 h before) and one hour before (the
/// last hour), to every person with a confirmed seat (in a series registered by date, a confirmed place on that date),
/// each with the calendar invitation. Keys name the session, its schedule version, the kind and the person, so running
/// again queues nothing new and a rescheduled session is reminded afresh. Runs from a job every few minutes; returns how many reminders were queued.
/// </summary>
public static class QueueSessionReminders
{
    public static readonly TimeSpan DayBefore = TimeSpan.FromHours(24);
    public static readonly TimeSpan HourBefore = TimeSpan.FromHours(1);

    public static async Task<int> HandleAsync(TrainingHubDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + DayBefore;
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Offering)
            .Where(s => s.Status == SessionStatus.Scheduled && s.StartsAt > now && s.StartsAt <= until
                && s.Offering!.Status != OfferingStatus.Cancelled && s.Offering.Status != OfferingStatus.Draft)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .ToListAsync(ct);
        var queued = 0;
        foreach (var s in sessions)
        {
            var kind = s.StartsAt - now <= HourBefore ? "hour" : "day";
            var prefix = SessionInvitations.ReminderPrefix(s.Id, s.Sequence, kind);
            // In a series registered by date, only those registered for this date.
            var byDate = s.Offering is WebinarSeries { RegistrationByDate: true };
            var expected = SessionRegistrations.ExpectedPeople(db, s.Id);
            var people = await db.Enrolments.AsNoTracking()
                .Where(e => e.OfferingId == s.OfferingId && e.Status == EnrolmentStatus.Confirmed && e.Person!.AnonymizedAt == null)
                .Where(e => !byDate || expected.Contains(e.PersonId))
                .OrderBy(e => e.PersonId)
                .Select(e => new { e.PersonId, e.Person!.FullName, e.Person.Email, e.Person.PreferredLanguage })
                .ToListAsync(ct);
            var done = (await db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith(prefix)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
            var offering = s.Offering!;
            var streamUrl = s.StreamUrl ?? (offering as WebinarSeries)?.ChannelUrl;
            var place = s.Place ?? offering.Place;
            foreach (var p in people)
            {
                var key = prefix + p.PersonId.ToString(CultureInfo.InvariantCulture);
                if (done.Contains(key))
                {
                    continue;
                }

                // Optional: a person may opt out of reminders; changes of time and cancellations are always sent.
                Outbox.Add(db, p.PersonId, p.Email, p.PreferredLanguage, key, new SessionReminder(kind == "hour" ? ReminderKind.Hour : ReminderKind.Day,
                    p.FullName, offering.Title, offering.Code, s.Id, s.Sequence, s.Title, s.StartsAt, s.EndsAt, place, streamUrl, now), now);
                queued++;
            }
        }

        if (queued > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return queued;
    }
}
