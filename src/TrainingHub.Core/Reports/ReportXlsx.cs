using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace TrainingHub.Core.Reports;

/// <summary>
/// XLSX written with the OpenXML SAX writer (<see cref="OpenXmlWriter"/>), row by row, so memory stays flat however
/// many rows there are. Sheet one holds the table: a bold header row frozen in place, numbers as numeric cells (hours
/// as decimal hours), dates as date cells, then a totals row. Sheet two ("About") states the report, its filters, the
/// scope, who produced it and when. The package is assembled in a temporary file (ZIP needs to seek), then copied out.
/// </summary>
public static class ReportXlsx
{
    private const uint StyleHeader = 1;
    private const uint StyleDate = 2;
    private const uint StyleHours = 3;
    private const uint StylePercent = 4;

    public static async Task WriteAsync(ReportData data, ExportContext context, string title, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var path = Path.Combine(Path.GetTempPath(), $"th-report-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                using var document = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook);
                var workbook = document.AddWorkbookPart();
                workbook.Workbook = new Workbook();
                var styles = workbook.AddNewPart<WorkbookStylesPart>();
                styles.Stylesheet = Stylesheet();
                var dataSheet = workbook.AddNewPart<WorksheetPart>();
                var aboutSheet = workbook.AddNewPart<WorksheetPart>();
                await WriteDataSheetAsync(dataSheet, data, context, ct);
                WriteAboutSheet(aboutSheet, data, context, title);
                workbook.Workbook.AppendChild(new Sheets(
                    new Sheet { Id = workbook.GetIdOfPart(dataSheet), SheetId = 1, Name = Clip(context.Translate("Report.Sheet.Data")) },
                    new Sheet { Id = workbook.GetIdOfPart(aboutSheet), SheetId = 2, Name = Clip(context.Translate("Report.Sheet.About")) }));
                workbook.Workbook.Save();
            }

            await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await read.CopyToAsync(output, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Clip(string name) => name.Length > 31 ? name[..31] : name;

    private static async Task WriteDataSheetAsync(WorksheetPart part, ReportData data, ExportContext context, CancellationToken ct)
    {
        using var w = OpenXmlWriter.Create(part);
        w.WriteStartElement(new Worksheet());
        w.WriteStartElement(new SheetViews());
        w.WriteStartElement(new SheetView { WorkbookViewId = 0, TabSelected = true });
        w.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        w.WriteElement(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement(new Columns());
        for (var i = 0; i < data.Columns.Count; i++)
        {
            var width = data.Columns[i].Type == ColumnType.Text ? 36 : data.Columns[i].Type == ColumnType.Date ? 18 : 14;
            w.WriteElement(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
        }

        w.WriteEndElement();
        w.WriteStartElement(new SheetData());
        w.WriteStartElement(new Row());
        foreach (var c in data.Columns)
        {
            w.WriteElement(Text(context.Translate(c.Key), StyleHeader));
        }

        w.WriteEndElement();
        await foreach (var row in data.Rows(0, null).WithCancellation(ct))
        {
            WriteRow(w, data.Columns, row, context, null);
        }

        if (data.Totals is { } totals)
        {
            WriteRow(w, data.Columns, totals, context, totals[0] is null ? context.Translate("Report.Total") : null);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter w, IReadOnlyList<ReportColumn> columns, object?[] row, ExportContext context, string? firstCell)
    {
        w.WriteStartElement(new Row());
        for (var i = 0; i < columns.Count; i++)
        {
            var value = i == 0 && firstCell is not null ? firstCell : row[i];
            w.WriteElement(CellFor(columns[i].Type, value, context));
        }

        w.WriteEndElement();
    }

    private static Cell CellFor(ColumnType type, object? value, ExportContext context) => value switch
    {
        null => new Cell(),
        MessageKey k => Text(context.Translate(k.Key), 0),
        DateTime d => Number(d.ToOADate().ToString("R", CultureInfo.InvariantCulture), StyleDate),
        int m when type == ColumnType.Hours => Number(Math.Round(m / 60m, 2).ToString(CultureInfo.InvariantCulture), StyleHours),
        decimal p when type == ColumnType.Percent => Number((p / 100m).ToString(CultureInfo.InvariantCulture), StylePercent),
        int or long or decimal or double => Number(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), 0),
        // Typed cells cannot be formulas; the apostrophe keeps text identical to the CSV.
        _ => Text(ReportCsv.Neutralize(value.ToString() ?? ""), 0),
    };

    private static Cell Number(string invariant, uint style) => new() { CellValue = new CellValue(invariant), DataType = CellValues.Number, StyleIndex = style == 0 ? null : style };

    private static Cell Text(string text, uint style) => new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        DataType = CellValues.InlineString,
        StyleIndex = style == 0 ? null : style,
    };

    private static void WriteAboutSheet(WorksheetPart part, ReportData data, ExportContext context, string title)
    {
        var rows = new List<(string, string)>
        {
            (context.Translate("Report.About.Report"), title),
        };
        rows.AddRange(data.Filters.Select(f => (context.Translate(f.Key), f.Value.StartsWith("Report.", StringComparison.Ordinal) ? context.Translate(f.Value) : f.Value)));
        rows.Add((context.Translate("Report.About.Rows"), data.RowCount.ToString(CultureInfo.InvariantCulture)));
        rows.Add((context.Translate("Report.About.Producer"), context.Producer));
        rows.Add((context.Translate("Report.About.ProducedAt"), Common.SaoPaulo.FormatDateTime(context.ProducedAtUtc) + " (America/Sao_Paulo)"));
        rows.Add((context.Translate("Report.About.Source"), context.Translate("Report.About.SourceText")));
        using var w = OpenXmlWriter.Create(part);
        w.WriteStartElement(new Worksheet());
        w.WriteStartElement(new Columns());
        w.WriteElement(new Column { Min = 1, Max = 1, Width = 28, CustomWidth = true });
        w.WriteElement(new Column { Min = 2, Max = 2, Width = 80, CustomWidth = true });
        w.WriteEndElement();
        w.WriteStartElement(new SheetData());
        foreach (var (k, v) in rows)
        {
            w.WriteStartElement(new Row());
            w.WriteElement(Text(k, StyleHeader));
            w.WriteElement(Text(ReportCsv.Neutralize(v), 0));
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy hh:mm" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.00" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0%" })
        { Count = 3 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true })
        { Count = 5 });
}
