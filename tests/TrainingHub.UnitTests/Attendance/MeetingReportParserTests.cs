using System.Text;
using TrainingHub.Core.Attendance;

namespace TrainingHub.UnitTests.Attendance;

/// <summary>Participant reports as Zoom, Teams and spreadsheets write them: encodings, separators, quoting and date forms.</summary>
public class MeetingReportParserTests
{
    private static MeetingReport Parsed(byte[] content)
    {
        var result = ParseMeetingReport.Handle(content);
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    private static string Refused(byte[] content)
    {
        var result = ParseMeetingReport.Handle(content);
        result.Succeeded.ShouldBeFalse();
        return result.Errors.Single().Code;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public void A_generic_csv_gives_its_rows_with_the_line_an_editor_shows()
    {
        var report = Parsed(Utf8("name,email,join,leave,cpf\r\nAna Souza,ana@example.org,2026-03-10 09:00,2026-03-10 11:00,529.982.247-25\r\nBeto, beto@example.org ,2026-03-10 09:10,2026-03-10 10:00,\r\n"));
        report.Format.ShouldBe("generic");
        report.Separator.ShouldBe(',');
        report.Rows.Count.ShouldBe(2);
        report.Rows[0].ShouldBe(new MeetingReportRow(2, "Ana Souza", "ana@example.org", "529.982.247-25", "2026-03-10 09:00", "2026-03-10 11:00"));
        report.Rows[1].Line.ShouldBe(3);
        report.Rows[1].Email.ShouldBe("beto@example.org");
        report.Rows[1].Cpf.ShouldBe("");
    }

    [Test]
    public void A_zoom_report_is_found_below_its_meeting_summary()
    {
        var text = "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
            + "81234567890,Gestão de contratos,03/10/2026 09:00:00 AM,03/10/2026 11:00:00 AM,host@example.org,120,2\n"
            + "\n"
            + "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
            + "Ana Souza,ana@example.org,03/10/2026 08:58:12 AM,03/10/2026 11:00:03 AM,122,No\n";
        var report = Parsed(Utf8(text));
        report.Format.ShouldBe("zoom");
        report.Columns["name"].ShouldBe("Name (Original Name)");
        report.Rows.Single().ShouldBe(new MeetingReportRow(5, "Ana Souza", "ana@example.org", "", "03/10/2026 08:58:12 AM", "03/10/2026 11:00:03 AM"));
    }

    [Test]
    public void A_teams_report_in_utf16_with_tabs_is_read()
    {
        var text = "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n"
            + "Ana Souza\t3/10/26, 9:01:00 AM\t3/10/26, 10:59:00 AM\t1h 58m\tana@example.org\tana@example.org\tAttendee\r\n";
        var report = Parsed([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        report.Format.ShouldBe("teams");
        report.Separator.ShouldBe('\t');
        report.Rows.Single().Join.ShouldBe("3/10/26, 9:01:00 AM");
        ParseMeetingReport.ParseTime(report.Rows.Single().Join).ShouldBe(new DateTime(2026, 3, 10, 12, 1, 0, DateTimeKind.Utc));
    }

    [Test]
    public void Portuguese_headers_with_accents_semicolons_and_a_byte_order_mark_are_read()
    {
        var report = Parsed([.. Encoding.UTF8.GetPreamble(), .. Utf8("Nome;E-mail;Hora de entrada;Hora de saída;CPF\nJoão Ávila;joao@example.org;10/03/2026 09:00;10/03/2026 11:00;52998224725\n")]);
        report.Separator.ShouldBe(';');
        report.Columns["leave"].ShouldBe("Hora de saída");
        report.Rows.Single().Name.ShouldBe("João Ávila");
        report.Rows.Single().Cpf.ShouldBe("52998224725");
    }

    [Test]
    public void Quoted_cells_may_hold_separators_quotes_and_line_breaks()
    {
        var report = Parsed(Utf8("name,email,join,leave\n\"Souza, Ana \"\"Tica\"\"\nSEPLAG\",ana@example.org,2026-03-10 09:00,2026-03-10 11:00\nBeto,beto@example.org,2026-03-10 09:00,2026-03-10 11:00\n"));
        report.Rows[0].Name.ShouldBe("Souza, Ana \"Tica\"\nSEPLAG");
        report.Rows[0].Line.ShouldBe(2);
        report.Rows[1].Line.ShouldBe(4);
    }

    [Test]
    public void Rows_end_at_the_first_blank_line() =>
        Parsed(Utf8("name,email,join,leave\nAna,ana@example.org,2026-03-10 09:00,2026-03-10 11:00\n\nTotal,,,\n")).Rows.Count.ShouldBe(1);

    [Test]
    public void Files_it_cannot_use_are_refused_with_the_reason()
    {
        Refused([]).ShouldBe("MeetingImport.Empty");
        Refused(new byte[ParseMeetingReport.MaxBytes + 1]).ShouldBe("MeetingImport.TooLarge");
        Refused([0x6E, 0x61, 0x6D, 0x65, 0xE3, 0x0A]).ShouldBe("MeetingImport.NotUtf8");
        Refused(Utf8("a\0b")).ShouldBe("MeetingImport.NotCsv");
        Refused(Utf8("name,email,duration\nAna,ana@example.org,120\n")).ShouldBe("MeetingImport.NoHeader");
        Refused(Utf8("name,join,leave\nAna,2026-03-10 09:00,2026-03-10 11:00\n")).ShouldBe("MeetingImport.MissingColumns");
        Refused(Utf8("name,email,join,leave\n\n")).ShouldBe("MeetingImport.NoRows");
    }

    [TestCase("2026-03-10T12:00:00Z", "2026-03-10T12:00:00", TestName = "ISO 8601 in UTC")]
    [TestCase("2026-03-10T09:00:00-03:00", "2026-03-10T12:00:00", TestName = "ISO 8601 with an offset")]
    [TestCase("2026-03-10T10:00:00+01:00", "2026-03-10T09:00:00", TestName = "ISO 8601 with another offset")]
    [TestCase("2026-03-10 09:00:00", "2026-03-10T12:00:00", TestName = "ISO 8601 without an offset is São Paulo time")]
    [TestCase("10/03/2026 09:00", "2026-03-10T12:00:00", TestName = "Brazilian day first")]
    [TestCase("10/03/2026, 09:00:30", "2026-03-10T12:00:30", TestName = "Brazilian day first with a comma")]
    [TestCase("03/10/2026 09:00:00 AM", "2026-03-10T12:00:00", TestName = "US month first with AM")]
    [TestCase("3/10/2026 1:30 PM", "2026-03-10T16:30:00", TestName = "US month first with PM and no seconds")]
    public void Times_are_read_in_the_forms_meeting_tools_write(string text, string utc) =>
        ParseMeetingReport.ParseTime(text).ShouldBe(DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc));

    [TestCase("")]
    [TestCase("yesterday")]
    [TestCase("03/13/2026 09:00")]
    [TestCase("31/02/2026 09:00")]
    public void Times_it_cannot_read_are_null(string text) => ParseMeetingReport.ParseTime(text).ShouldBeNull();
}
