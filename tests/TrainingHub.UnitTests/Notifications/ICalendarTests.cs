using System.Globalization;
using System.Text;
using System.Text.Json;
using TrainingHub.Core.Notifications;

namespace TrainingHub.UnitTests.Notifications;

/// <summary>
/// The invitations Ical.Net writes, read back by another parser (ical.js): a new session, an update of its schedule
/// (same UID, higher SEQUENCE) and a cancellation, in São Paulo time with its VTIMEZONE.
/// </summary>
public sealed class ICalendarTests
{
    private static readonly CalendarParties Parties = new("cursos@escola.gov.br", "Escola de Governo, Capacitação", "ana@example.gov.br", "Ana Müller");
    private static readonly DateTime Stamp = new(2026, 12, 7, 11, 30, 0, DateTimeKind.Utc);

    private static CalendarEvent Session(int sequence, DateTime startUtc) => new("session-42@traininghub", sequence, "Encontro 1 — Licitações; módulo 2, turma A",
        "Traga um documento.\nSala com acessibilidade.", startUtc, startUtc.AddHours(3), "Sala 3, Bloco B; térreo", "https://stream.example.gov.br/live?id=1,2");

    [Test]
    public void An_invitation_reads_back_with_its_times_in_sao_paulo_its_parties_and_its_text_intact()
    {
        var start = new DateTime(2027, 3, 10, 12, 0, 0, DateTimeKind.Utc);
        var ics = ICalendar.Write(new CalendarInvite(false, Stamp, [Session(0, start)]), Parties);

        var calendar = IcalJs.Parse(ics);
        calendar.GetProperty("method").GetString().ShouldBe("REQUEST");
        calendar.GetProperty("version").GetString().ShouldBe("2.0");
        calendar.GetProperty("timeZone").GetString().ShouldBe("America/Sao_Paulo");
        var e = calendar.GetProperty("events").EnumerateArray().ShouldHaveSingleItem();
        e.GetProperty("uid").GetString().ShouldBe("session-42@traininghub");
        e.GetProperty("sequence").GetInt32().ShouldBe(0);
        e.GetProperty("start").GetString().ShouldBe("2027-03-10T12:00:00.000Z");
        e.GetProperty("end").GetString().ShouldBe("2027-03-10T15:00:00.000Z");
        e.GetProperty("startZone").GetString().ShouldBe("America/Sao_Paulo");
        e.GetProperty("startLocal").GetString().ShouldBe("2027-03-10T09:00:00");
        e.GetProperty("startOffsetSeconds").GetInt32().ShouldBe(-3 * 3600);
        e.GetProperty("stamp").GetString().ShouldBe("2026-12-07T11:30:00.000Z");
        e.GetProperty("summary").GetString().ShouldBe("Encontro 1 — Licitações; módulo 2, turma A");
        e.GetProperty("description").GetString().ShouldBe("Traga um documento.\nSala com acessibilidade.");
        e.GetProperty("location").GetString().ShouldBe("Sala 3, Bloco B; térreo");
        e.GetProperty("url").GetString().ShouldBe("https://stream.example.gov.br/live?id=1,2");
        e.GetProperty("status").GetString().ShouldBe("CONFIRMED");
        e.GetProperty("transp").GetString().ShouldBe("OPAQUE");
        e.GetProperty("organizer").GetString().ShouldBe("mailto:cursos@escola.gov.br");
        e.GetProperty("organizerName").GetString().ShouldBe("Escola de Governo, Capacitação");
        var attendee = e.GetProperty("attendees").EnumerateArray().ShouldHaveSingleItem();
        attendee.GetProperty("address").GetString().ShouldBe("mailto:ana@example.gov.br");
        attendee.GetProperty("name").GetString().ShouldBe("Ana Müller");
        attendee.GetProperty("role").GetString().ShouldBe("REQ-PARTICIPANT");
        attendee.GetProperty("partstat").GetString().ShouldBe("ACCEPTED");
        attendee.GetProperty("rsvp").GetString().ShouldBe("FALSE");
        LinesAreFoldedWithCrlf(ics);
    }

    [Test]
    public void An_update_keeps_the_uid_and_carries_the_schedule_version_as_sequence()
    {
        var moved = new DateTime(2027, 3, 12, 17, 30, 0, DateTimeKind.Utc);
        var e = IcalJs.Parse(ICalendar.Write(new CalendarInvite(false, Stamp, [Session(3, moved)]), Parties))
            .GetProperty("events").EnumerateArray().ShouldHaveSingleItem();

        e.GetProperty("uid").GetString().ShouldBe("session-42@traininghub");
        e.GetProperty("sequence").GetInt32().ShouldBe(3);
        e.GetProperty("start").GetString().ShouldBe("2027-03-12T17:30:00.000Z");
        e.GetProperty("startLocal").GetString().ShouldBe("2027-03-12T14:30:00");
    }

    [Test]
    public void A_cancellation_names_every_session_of_the_class_with_method_cancel()
    {
        var first = Session(2, new DateTime(2027, 3, 10, 12, 0, 0, DateTimeKind.Utc));
        var second = first with { Uid = "session-43@traininghub", Sequence = 0, Description = null, Url = null, Location = null, StartsAtUtc = first.StartsAtUtc.AddDays(7), EndsAtUtc = first.EndsAtUtc.AddDays(7) };
        var invite = new CalendarInvite(true, Stamp, [first, second]);
        var ics = ICalendar.Write(invite, Parties with { AttendeeName = null });

        var calendar = IcalJs.Parse(ics);
        calendar.GetProperty("method").GetString().ShouldBe("CANCEL");
        var events = calendar.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => (e.GetProperty("uid").GetString(), e.GetProperty("sequence").GetInt32()))
            .ShouldBe([("session-42@traininghub", 2), ("session-43@traininghub", 0)]);
        events.ShouldAllBe(e => e.GetProperty("status").GetString() == "CANCELLED");
        events[1].GetProperty("start").GetString().ShouldBe("2027-03-17T12:00:00.000Z");
        events[1].GetProperty("location").ValueKind.ShouldBe(JsonValueKind.Null);
        var attendee = events[0].GetProperty("attendees").EnumerateArray().ShouldHaveSingleItem();
        attendee.GetProperty("partstat").GetString().ShouldBe("DECLINED");
        attendee.GetProperty("name").ValueKind.ShouldBe(JsonValueKind.Null);

        var file = ICalendar.Attachment(invite, Parties);
        file.FileName.ShouldBe("convite.ics");
        file.ContentType.ShouldBe("text/calendar; method=CANCEL; charset=UTF-8");
        Encoding.UTF8.GetString(file.Content).ShouldStartWith("BEGIN:VCALENDAR\r\n");
        ICalendar.ContentType(false).ShouldBe("text/calendar; method=REQUEST; charset=UTF-8");
    }

    [Test]
    public void A_published_feed_has_no_method_nor_parties_and_keeps_cancelled_sessions_as_cancelled()
    {
        var first = Session(0, new DateTime(2027, 3, 10, 12, 0, 0, DateTimeKind.Utc)) with { Description = string.Concat(Enumerable.Repeat("Traga um documento com foto. ", 5)).Trim() };
        var second = first with { Uid = "session-43@traininghub", Sequence = 2, StartsAtUtc = first.StartsAtUtc.AddDays(7), EndsAtUtc = first.EndsAtUtc.AddDays(7) };
        var ics = ICalendar.WritePublished("Minhas sessões — TrainingHub", Stamp, [(first, false), (second, true)]);

        var calendar = IcalJs.Parse(ics);
        calendar.GetProperty("method").ValueKind.ShouldBe(JsonValueKind.Null);
        calendar.GetProperty("timeZone").GetString().ShouldBe("America/Sao_Paulo");
        var events = calendar.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => (e.GetProperty("uid").GetString(), e.GetProperty("sequence").GetInt32(), e.GetProperty("status").GetString()))
            .ShouldBe([("session-42@traininghub", 0, "CONFIRMED"), ("session-43@traininghub", 2, "CANCELLED")]);
        events[0].GetProperty("description").GetString().ShouldBe(first.Description);
        events[1].GetProperty("startLocal").GetString().ShouldBe("2027-03-17T09:00:00");
        events[1].GetProperty("startOffsetSeconds").GetInt32().ShouldBe(-3 * 3600);
        events.ShouldAllBe(e => e.GetProperty("organizer").ValueKind == JsonValueKind.Null && e.GetProperty("attendees").GetArrayLength() == 0);
        ics.ShouldContain("X-WR-CALNAME:Minhas sessões — TrainingHub\r\n");
        LinesAreFoldedWithCrlf(ics);
    }

    [Test]
    public void An_empty_feed_is_still_a_calendar()
    {
        var calendar = IcalJs.Parse(ICalendar.WritePublished("Agenda", Stamp, []));
        calendar.GetProperty("version").GetString().ShouldBe("2.0");
        calendar.GetProperty("events").GetArrayLength().ShouldBe(0);
    }

    /// <summary>RFC 5545: CRLF line ends, and no physical line longer than 75 octets (accents counted as their UTF-8 bytes).</summary>
    private static void LinesAreFoldedWithCrlf(string ics)
    {
        ics.ShouldEndWith("END:VCALENDAR\r\n");
        ics.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain("\n");
        foreach (var line in ics.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75, line);
        }

        ics.Split("\r\n").Any(l => l.StartsWith(' ')).ShouldBeTrue(string.Create(CultureInfo.InvariantCulture, $"a long line was folded:\n{ics}"));
    }
}
