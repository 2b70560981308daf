using System.Globalization;
using System.Text;

namespace TrainingHub.Core.Reports;

/// <summary>What an export needs besides the data: how to translate message keys, who asked for it and when.</summary>
public sealed record ExportContext(Func<string, string> Translate, string Producer, DateTime ProducedAtUtc, CultureInfo Culture);

/// <summary>
/// RFC 4180 CSV: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break, UTF-8 with
/// a byte order mark (spreadsheets then read accents right). A header row, the rows, then a totals row. A text cell
/// starting with = + - @, a tab, a carriage return or another control character gets a leading apostrophe, so a
/// spreadsheet never runs it as a formula. Numbers are invariant (a dot for decimals); hours carry two decimals.
/// </summary>
public static class ReportCsv
{
    public static async Task WriteAsync(ReportData data, ExportContext context, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        var line = new StringBuilder(256);
        void Append(int i, string value)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(value));
        }

        for (var i = 0; i < data.Columns.Count; i++)
        {
            Append(i, context.Translate(data.Columns[i].Key));
        }

        await writer.WriteLineAsync(line, ct);
        await foreach (var row in data.Rows(0, null).WithCancellation(ct))
        {
            line.Clear();
            for (var i = 0; i < data.Columns.Count; i++)
            {
                Append(i, Cell(data.Columns[i].Type, row[i], context));
            }

            await writer.WriteLineAsync(line, ct);
        }

        if (data.Totals is { } totals)
        {
            line.Clear();
            for (var i = 0; i < data.Columns.Count; i++)
            {
                Append(i, i == 0 && totals[0] is null ? context.Translate("Report.Total") : Cell(data.Columns[i].Type, totals[i], context));
            }

            await writer.WriteLineAsync(line, ct);
        }

        await writer.FlushAsync(ct);
    }

    public static string Cell(ColumnType type, object? value, ExportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return value switch
        {
            null => "",
            MessageKey k => context.Translate(k.Key),
            DateTime d => d.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
            int m when type == ColumnType.Hours => (m / 60m).ToString("0.00", CultureInfo.InvariantCulture),
            long m when type == ColumnType.Hours => (m / 60m).ToString("0.00", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Neutralize(value.ToString() ?? ""),
        };
    }

    /// <summary>Prefixes an apostrophe to text a spreadsheet would run as a formula or treat as a control sequence.</summary>
    public static string Neutralize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && (text[0] is '=' or '+' or '-' or '@' || char.IsControl(text[0])) ? "'" + text : text;
    }

    /// <summary>RFC 4180 quoting: quotes around fields holding a comma, quote, CR or LF; quotes doubled.</summary>
    public static string Field(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
