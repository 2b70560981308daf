using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using TrainingHub.Core.Documents;

namespace TrainingHub.Core.Reports;

/// <summary>
/// The PDF summary: title, who produced it and when, the filters and scope, the totals, then the rows (at most
/// <see cref="MaxRows"/>; beyond that the PDF says so and points to CSV or XLSX). Numbers in the reader's culture,
/// hours as <see cref="Common.Hours"/> writes them for that language, dates dd/MM/yyyy.
/// </summary>
public static class ReportPdf
{
    public const int MaxRows = 5000;

    public static async Task WriteAsync(ReportData data, ExportContext context, string title, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        Pdf.EnsureReady();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Creator = "TrainingHub";
        var titleFont = new XFont(Pdf.Sans, 14, XFontStyleEx.Bold);
        var bold = new XFont(Pdf.Sans, 8, XFontStyleEx.Bold);
        var font = new XFont(Pdf.Sans, 8);
        const double margin = 36, lineHeight = 11;
        PdfPage page = null!;
        XGraphics g = null!;
        double y = 0;
        var columnWidth = 0.0;

        void NewPage()
        {
            g?.Dispose();
            page = document.AddPage();
            page.Orientation = PdfSharp.PageOrientation.Landscape;
            g = XGraphics.FromPdfPage(page);
            y = margin;
            columnWidth = (page.Width.Point - (2 * margin)) / data.Columns.Count;
        }

        void Line(string text, XFont f)
        {
            if (y > page.Height.Point - margin)
            {
                NewPage();
            }

            g.DrawString(text, f, XBrushes.Black, new XRect(margin, y, page.Width.Point - (2 * margin), lineHeight), XStringFormats.TopLeft);
            y += lineHeight + 2;
        }

        // Text wraps onto as many lines as it needs (up to MaxLinesPerCell), so two long names never end cut to the same
        // prefix; numbers and dates stay on one line.
        void Row(IReadOnlyList<string> cells, XFont f)
        {
            var lines = cells.Select((c, i) => data.Columns[i].Type == ColumnType.Text ? Wrap(g, c, f, columnWidth - 4) : [Fit(g, c, f, columnWidth - 4)]).ToList();
            var height = lines.Max(l => l.Count) * lineHeight;
            if (y + height > page.Height.Point - margin)
            {
                NewPage();
            }

            for (var i = 0; i < cells.Count; i++)
            {
                var right = data.Columns[i].Type is not (ColumnType.Text or ColumnType.Date);
                for (var l = 0; l < lines[i].Count; l++)
                {
                    g.DrawString(lines[i][l], f, XBrushes.Black, new XRect(margin + (i * columnWidth), y + (l * lineHeight), columnWidth - 4, lineHeight), right ? XStringFormats.TopRight : XStringFormats.TopLeft);
                }
            }

            y += height;
        }

        NewPage();
        g.DrawString(title, titleFont, XBrushes.Black, new XPoint(margin, y + 12));
        y += 26;
        Line($"{context.Translate("Report.About.ProducedAt")}: {Common.SaoPaulo.FormatDateTime(context.ProducedAtUtc)} ({context.Translate("Report.About.TimeZone")}) · {context.Translate("Report.About.Producer")}: {context.Producer}", font);
        foreach (var (k, v) in data.Filters)
        {
            Line($"{context.Translate(k)}: {(v.StartsWith("Report.", StringComparison.Ordinal) ? context.Translate(v) : v)}", font);
        }

        Line($"{context.Translate("Report.About.Rows")}: {data.RowCount.ToString("N0", context.Culture)}", font);
        y += 6;
        Row(data.Columns.Select(c => context.Translate(c.Key)).ToList(), bold);
        if (data.Totals is { } totals)
        {
            Row(Cells(data, totals, context, context.Translate("Report.Total")), bold);
        }

        y += 4;
        var written = 0;
        await foreach (var row in data.Rows(0, MaxRows).WithCancellation(ct))
        {
            Row(Cells(data, row, context, null), font);
            written++;
        }

        if (written < data.RowCount)
        {
            y += 6;
            Line(context.Translate("Report.Pdf.Truncated"), bold);
        }

        g.Dispose();
        // PDFsharp seeks while writing; the summary is small (rows are capped), so it is built in memory.
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static List<string> Cells(ReportData data, object?[] row, ExportContext context, string? first) =>
        data.Columns.Select((c, i) => i == 0 && first is not null && row[0] is null ? first : Cell(c.Type, row[i], context)).ToList();

    public static string Cell(ColumnType type, object? value, ExportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return value switch
        {
            null => "",
            MessageKey k => context.Translate(k.Key),
            DateTime d => d.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
            int m when type == ColumnType.Hours => Common.Hours.Format(m, context.Culture),
            decimal p when type == ColumnType.Percent => p.ToString("N1", context.Culture) + " %",
            int i => i.ToString("N0", context.Culture),
            IFormattable f => f.ToString(null, context.Culture),
            _ => value.ToString() ?? "",
        };
    }

    private const int MaxLinesPerCell = 4;

    /// <summary>Greedy word wrap into lines no wider than <paramref name="width"/>; a word wider than a line, or a last line that overflows, is cut with "…".</summary>
    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (g.MeasureString(candidate, font).Width <= width)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            current = word;
        }

        lines.Add(current);
        if (lines.Count > MaxLinesPerCell)
        {
            lines = [.. lines.Take(MaxLinesPerCell - 1), string.Join(' ', lines.Skip(MaxLinesPerCell - 1))];
        }

        return lines.Select(l => Fit(g, l, font, width)).ToList();
    }

    private static string Fit(XGraphics g, string text, XFont font, double width)
    {
        if (g.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && g.MeasureString(text[..cut] + "…", font).Width > width)
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
