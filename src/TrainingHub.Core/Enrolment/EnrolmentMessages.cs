using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;

namespace TrainingHub.Core.Enrolment;

/// <summary>
/// Queues, in the same SaveChanges as the state change, the message that tells the person about it. The key is the
/// enrolment and its version, so one change queues one message whatever retries or double clicks do.
/// </summary>
internal static class EnrolmentMessages
{
    public const string Received = "EnrolmentReceived";
    public const string Confirmed = "EnrolmentConfirmed";
    public const string Waitlisted = "EnrolmentWaitlisted";
    public const string Promoted = "EnrolmentPromoted";
    public const string SeatOffered = "SeatOffered";
    public const string SeatOfferExpiring = "SeatOfferExpiring";
    public const string SeatOfferExpired = "SeatOfferExpired";
    public const string Approved = "EnrolmentApproved";
    public const string Rejected = "EnrolmentRejected";
    public const string Cancelled = "EnrolmentCancelled";

    public static async Task QueueAsync(TrainingHubDbContext db, Enrolment e, string messageType, DateTime now, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == e.PersonId)
            .Select(p => new { p.Email, p.PreferredLanguage, p.FullName }).SingleAsync(ct);
        var offering = await db.Offerings.AsNoTracking().Where(o => o.Id == e.OfferingId)
            .Select(o => new { o.Title, o.Code, o.StartsOn, o.EndsOn }).SingleAsync(ct);
        var key = string.Create(CultureInfo.InvariantCulture, $"{messageType}:{e.Id}:{e.Version}");
        var payload = new
        {
            enrolmentId = e.Id,
            person = person.FullName,
            offering = offering.Title,
            offeringCode = offering.Code,
            startsOn = offering.StartsOn,
            endsOn = offering.EndsOn,
            status = e.Status.ToString(),
            waitlistPosition = e.WaitlistPosition,
            offerExpiresAt = e.OfferExpiresAt,
            reason = e.DecisionReason,
        };
        await Outbox.QueueAsync(db, messageType, e.PersonId, person.Email, person.PreferredLanguage, key, payload, essential: true, now, ct);
    }
}
