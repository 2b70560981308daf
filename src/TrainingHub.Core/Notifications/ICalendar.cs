using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Notifications;

/// <summary>One event of an invitation: a session, identified across updates by its UID and ordered by SEQUENCE.</summary>
public sealed record CalendarEvent(string Uid, int Sequence, string Summary, string? Description, DateTime StartsAtUtc, DateTime EndsAtUtc, string? Location, string? Url);

/// <summary>An invitation (METHOD:REQUEST, new or updated events) or a cancellation (METHOD:CANCEL) of one or more events.</summary>
public sealed record CalendarInvite(bool Cancel, DateTime StampUtc, IReadOnlyList<CalendarEvent> Events);

/// <summary>Who sends and who receives an invitation (iTIP needs both), and the domain of the events' UIDs.</summary>
public sealed record CalendarParties(string OrganizerEmail, string? OrganizerName, string AttendeeEmail, string? AttendeeName);

/// <summary>
/// iCalendar (RFC 5545) for iTIP (RFC 5546), written by Ical.Net: times in America/Sao_Paulo with the VTIMEZONE Ical.Net
/// derives from the time zone database, one VEVENT per session with its stable UID and SEQUENCE (the schedule version).
/// </summary>
public static class ICalendar
{
    public const string TimeZoneId = "America/Sao_Paulo";
    public const string FileName = "convite.ics";

    public static string ContentType(bool cancel) => $"text/calendar; method={Method(cancel)}; charset=UTF-8";

    public static EmailAttachment Attachment(CalendarInvite invite, CalendarParties parties)
    {
        ArgumentNullException.ThrowIfNull(invite);
        return new EmailAttachment(FileName, ContentType(invite.Cancel), Encoding.UTF8.GetBytes(Write(invite, parties)));
    }

    public static string Write(CalendarInvite invite, CalendarParties parties)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(parties);
        var calendar = new Calendar { ProductId = "-//TrainingHub//Notifications//PT-BR", Method = Method(invite.Cancel) };
        var earliest = invite.Events.Count == 0 ? invite.StampUtc : invite.Events.Min(e => e.StartsAtUtc);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId, SaoPaulo.ToLocal(Utc(earliest)), includeHistoricalData: false));
        foreach (var e in invite.Events)
        {
            var item = Event(e, invite.StampUtc, invite.Cancel);
            item.Organizer = new Organizer("mailto:" + parties.OrganizerEmail) { CommonName = Optional(parties.OrganizerName) };
            item.Attendees.Add(new Attendee("mailto:" + parties.AttendeeEmail)
            {
                CommonName = Optional(parties.AttendeeName),
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = invite.Cancel ? "DECLINED" : "ACCEPTED",
                Rsvp = false,
            });
            calendar.Events.Add(item);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
    }

    /// <summary>
    /// A published calendar for subscription (a personal feed): no METHOD, no organizer or attendees, the same UIDs and
    /// SEQUENCEs as the invitations, cancelled events kept with STATUS:CANCELLED so subscribed calendars drop or strike them.
    /// </summary>
    public static string WritePublished(string name, DateTime stampUtc, IReadOnlyList<(CalendarEvent Event, bool Cancelled)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var calendar = new Calendar { ProductId = "-//TrainingHub//Calendar//PT-BR" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZoneId);
        var earliest = events.Count == 0 ? stampUtc : events.Min(e => e.Event.StartsAtUtc);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId, SaoPaulo.ToLocal(Utc(earliest)), includeHistoricalData: false));
        foreach (var (e, cancelled) in events)
        {
            calendar.Events.Add(Event(e, stampUtc, cancelled));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
    }

    private static Ical.Net.CalendarComponents.CalendarEvent Event(CalendarEvent e, DateTime stampUtc, bool cancelled) => new()
    {
        Uid = e.Uid,
        Sequence = e.Sequence,
        DtStamp = new CalDateTime(Utc(stampUtc), "UTC", hasTime: true),
        DtStart = Local(e.StartsAtUtc),
        DtEnd = Local(e.EndsAtUtc),
        Summary = e.Summary,
        Description = Optional(e.Description),
        Location = Optional(e.Location),
        // A link that is not an absolute address stays out of the calendar instead of failing it.
        Url = Uri.TryCreate(e.Url?.Trim(), UriKind.Absolute, out var url) ? url : null,
        Status = cancelled ? "CANCELLED" : "CONFIRMED",
        Transparency = "OPAQUE",
    };

    private static string Method(bool cancel) => cancel ? "CANCEL" : "REQUEST";

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateTime Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    /// <summary>The São Paulo wall-clock time, with the time zone's id (DTSTART;TZID=America/Sao_Paulo:...).</summary>
    private static CalDateTime Local(DateTime utc) =>
        new(DateTime.SpecifyKind(SaoPaulo.ToLocal(Utc(utc)), DateTimeKind.Unspecified), TimeZoneId, hasTime: true);
}
