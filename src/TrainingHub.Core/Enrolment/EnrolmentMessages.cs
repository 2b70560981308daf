using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment.Messages;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Enrolment;

/// <summary>The class and person an enrolment message is about, loaded once for any of them.</summary>
internal sealed record EnrolmentFacts(string Person, string Offering, string OfferingCode, DateOnly StartsOn, DateOnly EndsOn);

/// <summary>Makes one of the enrolment messages (Messages/) for an enrolment in its current state.</summary>
internal delegate IEnrolmentMessage EnrolmentMessage(EnrolmentFacts f, Enrolment e);

/// <summary>
/// Queues, in the same SaveChanges as the state change, the message that tells the person about it. The key is the
/// message, the enrolment and its version, so one change queues one message whatever retries or double clicks do.
/// </summary>
internal static class EnrolmentMessages
{
    public static readonly EnrolmentMessage Received = (f, _) => new EnrolmentReceived(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn);
    public static readonly EnrolmentMessage Confirmed = (f, _) => new EnrolmentConfirmed(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn);
    public static readonly EnrolmentMessage Waitlisted = (f, e) => new EnrolmentWaitlisted(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn, e.WaitlistPosition);
    public static readonly EnrolmentMessage Promoted = (f, _) => new EnrolmentPromoted(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn);
    public static readonly EnrolmentMessage SeatOffered = (f, e) => new SeatOffered(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn, OfferDeadline(e));
    public static readonly EnrolmentMessage SeatOfferExpiring = (f, e) => new SeatOfferExpiring(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn, OfferDeadline(e));
    public static readonly EnrolmentMessage SeatOfferExpired = (f, _) => new SeatOfferExpired(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn);
    public static readonly EnrolmentMessage Approved = (f, e) => new EnrolmentApproved(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn, e.Status);
    public static readonly EnrolmentMessage Rejected = (f, e) => new EnrolmentRejected(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn, e.DecisionReason);
    public static readonly EnrolmentMessage Cancelled = (f, _) => new EnrolmentCancelled(f.Person, f.Offering, f.OfferingCode, f.StartsOn, f.EndsOn);

    public static async Task QueueAsync(TrainingHubDbContext db, Enrolment e, EnrolmentMessage message, DateTime now, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == e.PersonId)
            .Select(p => new { p.Email, p.PreferredLanguage, p.FullName }).SingleAsync(ct);
        var offering = await db.Offerings.AsNoTracking().Where(o => o.Id == e.OfferingId)
            .Select(o => new { o.Title, o.Code, o.StartsOn, o.EndsOn }).SingleAsync(ct);
        var m = message(new EnrolmentFacts(person.FullName, offering.Title, offering.Code, offering.StartsOn, offering.EndsOn), e);
        var key = string.Create(CultureInfo.InvariantCulture, $"{EmailMessages.NameOf(m)}:{e.Id}:{e.Version}");
        await Outbox.QueueAsync(db, e.PersonId, person.Email, person.PreferredLanguage, key, m, now, ct);
    }

    private static DateTime OfferDeadline(Enrolment e) =>
        e.OfferExpiresAt ?? throw new InvalidOperationException($"Enrolment {e.Id} has a seat offer without a deadline.");
}
