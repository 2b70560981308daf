using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Catalog;

/// <summary>Who hears about a cancellation: everyone enrolled and not yet out (confirmed, waitlisted, awaiting approval).</summary>
internal static class CancellationNotices
{
    /// <summary>The enrolments told of a cancellation; the confirmation before cancelling counts the same rows.</summary>
    public static IQueryable<Enrolment.Enrolment> Recipients(TrainingHubDbContext db, int offeringId) =>
        db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offeringId
            && EnrolmentStatuses.Upcoming.Contains(e.Status)
            && e.Person!.AnonymizedAt == null);

    /// <summary>With a message per person (say, with the calendar events that person was invited to).</summary>
    public static async Task<int> QueueAsync(TrainingHubDbContext db, int offeringId, Func<int, string> key, Func<int, IEmailMessage> message, DateTime now, CancellationToken ct)
    {
        var people = await Recipients(db, offeringId)
            .OrderBy(e => e.PersonId)
            .Select(e => new { e.PersonId, e.Person!.Email, e.Person.PreferredLanguage })
            .ToListAsync(ct);
        // One look-up for every key, not one per person: a series can have thousands enrolled.
        var keys = people.Select(p => key(p.PersonId)).ToList();
        var done = (await db.OutboxMessages.Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct)).ToHashSet();
        var queued = 0;
        foreach (var p in people.Where(p => !done.Contains(key(p.PersonId))))
        {
            Outbox.Add(db, p.PersonId, p.Email, p.PreferredLanguage, key(p.PersonId), message(p.PersonId), now);
            queued++;
        }

        return queued;
    }
}
