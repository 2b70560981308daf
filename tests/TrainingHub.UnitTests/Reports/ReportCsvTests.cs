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
    public void Hours_are_written_with_two_invariant_decimals_and_numbers_are_never_neutralised()
    {
        var context = new ExportContext(k => k, "t", DateTime.UtcNow, System.Globalization.CultureInfo.GetCultureInfo("pt-BR"));
        ReportCsv.Cell(ColumnType.Hours, 95, context).ShouldBe("1.58");
        ReportCsv.Cell(ColumnType.Integer, -5, context).ShouldBe("-5");
        ReportCsv.Cell(ColumnType.Text, new MessageKey("Report.Target.Met"), context).ShouldBe("Report.Target.Met");
    }
}
