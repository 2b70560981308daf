using TrainingHub.Core.Reports;

namespace TrainingHub.UnitTests.Reports;

public sealed class ReportCsvTests
{
    [TestCase("=1+1", "'=1+1")]
    [TestCase("+55 31 3333", "'+55 31 3333")]
    [TestCase("-10", "'-10")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("\tTAB", "'\tTAB")]
    [TestCase("\rCR", "'\rCR")]
    [TestCase("\u0001x", "'\u0001x")]
    [TestCase("Ana = Maria", "Ana = Maria")]
    [TestCase("", "")]
    public void Text_a_spreadsheet_would_run_gets_a_leading_apostrophe(string text, string expected) => ReportCsv.Neutralize(text).ShouldBe(expected);

    [TestCase("plain", "plain")]
    [TestCase("a,b", "\"a,b\"")]
    [TestCase("Ana \"Tica\"", "\"Ana \"\"Tica\"\"\"")]
    [TestCase("line\r\nbreak", "\"line\r\nbreak\"")]
    public void Fields_are_quoted_as_rfc_4180_says(string value, string expected) => ReportCsv.Field(value).ShouldBe(expected);

    [Test]
    public void Hours_are_written_with_two_decimals_in_the_readers_notation_and_numbers_are_never_neutralised()
    {
        var context = new ExportContext(k => k, "t", DateTime.UtcNow, System.Globalization.CultureInfo.GetCultureInfo("pt-BR"));
        ReportCsv.Cell(ColumnType.Hours, 95, context).ShouldBe("1,58");
        ReportCsv.Cell(ColumnType.Hours, 95 * 60 * 1000, context).ShouldBe("95000,00", "no thousands separator");
        ReportCsv.Cell(ColumnType.Hours, 95, context with { Culture = System.Globalization.CultureInfo.GetCultureInfo("en") }).ShouldBe("1.58");
        ReportCsv.Cell(ColumnType.Integer, -5, context).ShouldBe("-5");
        ReportCsv.Cell(ColumnType.Text, new MessageKey("Report.Target.Met"), context).ShouldBe("Report.Target.Met");
    }

    [Test]
    public async Task A_report_is_written_as_a_header_its_rows_and_totals_in_utf8_with_a_byte_order_mark_and_crlf()
    {
        var columns = new ReportColumn[] { new("Col.Person", ColumnType.Text), new("Col.Sessions", ColumnType.Integer), new("Col.Hours", ColumnType.Hours), new("Col.Rate", ColumnType.Percent) };
        object?[][] rows =
        [
            ["Souza, Ana", 3, 450, 87.5m],
            ["=HYPERLINK(\"x\")", 1, 45, 12.5m],
            ["João", 0, 0, null],
        ];
        var data = new ReportData
        {
            Kind = ReportKind.HoursByPerson,
            Columns = columns,
            RowCount = rows.Length,
            Rows = (skip, take) => ReportData.Slice(rows, skip, take),
            Totals = [null, 4, 495, null],
            Filters = [],
        };
        var english = new Dictionary<string, string> { ["Col.Person"] = "Person", ["Col.Sessions"] = "Sessions", ["Col.Hours"] = "Hours", ["Col.Rate"] = "Rate (%)", ["Report.Total"] = "Total" };
        var context = new ExportContext(k => english[k], "t", DateTime.UtcNow, System.Globalization.CultureInfo.GetCultureInfo("en"));
        using var output = new MemoryStream();
        await ReportCsv.WriteAsync(data, context, output, CancellationToken.None);

        var bytes = output.ToArray();
        bytes[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        System.Text.Encoding.UTF8.GetString(bytes[3..]).ShouldBe(
            "Person,Sessions,Hours,Rate (%)\r\n"
            + "\"Souza, Ana\",3,7.50,87.5\r\n"
            + "\"'=HYPERLINK(\"\"x\"\")\",1,0.75,12.5\r\n"
            + "João,0,0.00,\r\n"
            + "Total,4,8.25,\r\n");

        // In Portuguese, Excel splits on ';' and reads a decimal comma: a comma in a name needs no quotes then.
        using var portuguese = new MemoryStream();
        await ReportCsv.WriteAsync(data, context with { Culture = System.Globalization.CultureInfo.GetCultureInfo("pt-BR") }, portuguese, CancellationToken.None);
        portuguese.ToArray()[..3].ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        System.Text.Encoding.UTF8.GetString(portuguese.ToArray()[3..]).ShouldBe(
            "Person;Sessions;Hours;Rate (%)\r\n"
            + "Souza, Ana;3;7,50;87,5\r\n"
            + "\"'=HYPERLINK(\"\"x\"\")\";1;0,75;12,5\r\n"
            + "João;0;0,00;\r\n"
            + "Total;4;8,25;\r\n");
    }

    [Test]
    public void Screens_and_the_pdf_write_hours_as_people_read_them_in_their_language()
    {
        ReportPdf.Cell(ColumnType.Hours, 95, new ExportContext(k => k, "t", DateTime.UtcNow, System.Globalization.CultureInfo.GetCultureInfo("pt-BR"))).ShouldBe("1 h 35");
        ReportPdf.Cell(ColumnType.Hours, 95, new ExportContext(k => k, "t", DateTime.UtcNow, System.Globalization.CultureInfo.GetCultureInfo("en"))).ShouldBe("1h 35m");
    }
}
