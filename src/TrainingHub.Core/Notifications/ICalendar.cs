using System.Globalization;
using System.Text;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Notifications;

/// <summary>One event of an invitation: a session, identified across updates by its UID and ordered by SEQUENCE.</summary>
public sealed record CalendarEvent(string Uid, int Sequence, string Summary, string? Description, DateTime StartsAtUtc, DateTime EndsAtUtc, string? Location, string? Url);

/// <summary>An invitation (METHOD:REQUEST, new or updated events) or a cancellation (METHOD:CANCEL) of one or more events.</summary>
public sealed record CalendarInvite(bool Cancel, DateTime StampUtc, IReadOnlyList<CalendarEvent> Events);

/// <summary>Who sends and who receives an invitation (iTIP needs both), and the domain of the events' UIDs.</summary>
public sealed record CalendarParties(string OrganizerEmail, string? OrganizerName, string AttendeeEmail, string? AttendeeName);

/// <summary>
/// Writes iCalendar (RFC 5545) for iTIP (RFC 5546) by hand: CRLF line ends, lines folded at 75 octets without splitting
/// a UTF-8 character, TEXT values escaped, times in America/Sao_Paulo with its VTIMEZONE (no daylight saving since 2019).
/// </summary>
public static class ICalendar
{
    public const string TimeZoneId = "America/Sao_Paulo";
    public const string FileName = "convite.ics";

    public static string ContentType(bool cancel) => $"text/calendar; method={(cancel ? "CANCEL" : "REQUEST")}; charset=UTF-8";

    public static EmailAttachment Attachment(CalendarInvite invite, CalendarParties parties)
    {
        ArgumentNullException.ThrowIfNull(invite);
        return new EmailAttachment(FileName, ContentType(invite.Cancel), Encoding.UTF8.GetBytes(Write(invite, parties)));
    }

    public static string Write(CalendarInvite invite, CalendarParties parties)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(parties);
        var sb = new StringBuilder();
        void Line(string content) => Fold(sb, content);

        Line("BEGIN:VCALENDAR");
        Line("PRODID:-//TrainingHub//Notifications//PT-BR");
        Line("VERSION:2.0");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:" + (invite.Cancel ? "CANCEL" : "REQUEST"));
        // São Paulo has kept UTC-3 all year since daylight saving ended on 17/02/2019; sessions are later than that.
        Line("BEGIN:VTIMEZONE");
        Line("TZID:" + TimeZoneId);
        Line("BEGIN:STANDARD");
        Line("DTSTART:20190216T230000");
        Line("TZOFFSETFROM:-0200");
        Line("TZOFFSETTO:-0300");
        Line("TZNAME:-03");
        Line("END:STANDARD");
        Line("END:VTIMEZONE");
        foreach (var e in invite.Events)
        {
            Line("BEGIN:VEVENT");
            Line("UID:" + e.Uid);
            Line("SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
            Line("DTSTAMP:" + Utc(invite.StampUtc));
            Line($"DTSTART;TZID={TimeZoneId}:{Local(e.StartsAtUtc)}");
            Line($"DTEND;TZID={TimeZoneId}:{Local(e.EndsAtUtc)}");
            Line("SUMMARY:" + Text(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Description))
            {
                Line("DESCRIPTION:" + Text(e.Description));
            }

            if (!string.IsNullOrWhiteSpace(e.Location))
            {
                Line("LOCATION:" + Text(e.Location));
            }

            if (!string.IsNullOrWhiteSpace(e.Url))
            {
                Line("URL:" + e.Url.Trim());
            }

            Line($"ORGANIZER{Cn(parties.OrganizerName)}:mailto:{parties.OrganizerEmail}");
            Line($"ATTENDEE{Cn(parties.AttendeeName)};ROLE=REQ-PARTICIPANT;PARTSTAT={(invite.Cancel ? "DECLINED" : "ACCEPTED")};RSVP=FALSE:mailto:{parties.AttendeeEmail}");
            Line("STATUS:" + (invite.Cancel ? "CANCELLED" : "CONFIRMED"));
            Line("TRANSP:OPAQUE");
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>A TEXT value: backslash, semicolon and comma escaped, line breaks as \n.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case ';': sb.Append("\\;"); break;
                case ',': sb.Append("\\,"); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': break;
                case '\r' or '\n': sb.Append("\\n"); break;
                default:
                    if (!char.IsControl(c) || c == '\t')
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends one content line, folded: at most 75 octets per physical line, continuations start with a space.</summary>
    private static void Fold(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
            }

            sb.Append(rune.ToString());
            octets += size;
        }

        sb.Append("\r\n");
    }

    private static string Cn(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        // A parameter value cannot hold DQUOTE or control characters; quoted, it may hold ':', ';' and ','.
        var clean = new string(name.Where(c => c != '"' && !char.IsControl(c)).ToArray());
        return ";CN=\"" + clean + "\"";
    }

    private static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Local(DateTime utc) => SaoPaulo.ToLocal(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
}
