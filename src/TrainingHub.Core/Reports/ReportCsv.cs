using System.Globalization;
using System.Text;

namespace TrainingHub.Core.Reports;

/// <summary>What an export needs besides the data: how to translate message keys, who asked for it and when.</summary>
public sealed record ExportContext(Func<string, string> Translate, string Producer, DateTime ProducedAtUtc, CultureInfo Culture);

/// <summary>
/// CSV as the reader's spreadsheet opens it: in a language whose decimal separator is a comma (pt-BR) the fields are
/// separated by ';' and decimals written with a comma, as Excel in Portuguese expects; otherwise RFC 4180 (',' and a
/// dot). CRLF line ends, fields quoted when they hold the separator, a quote or a line break, UTF-8 with a byte order
/// mark (spreadsheets then read accents right). A header row, the rows, then a totals row. A text cell starting with
/// = + - @, a tab, a carriage return or another control character gets a leading apostrophe, so a spreadsheet never
/// runs it as a formula. Hours carry two decimals.
/// </summary>
public static class ReportCsv
{
    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "", NegativeSign = "-" };

    public static async Task WriteAsync(ReportData data, ExportContext context, Stream output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(context);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        var line = new StringBuilder(256);
        var separator = Separator(context.Culture);
        void Append(int i, string value)
        {
            if (i > 0)
            {
                line.Append(separator);
            }

            line.Append(Field(value, separator));
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

    /// <summary>';' where the decimal separator is a comma (a comma-separated file would split every decimal), else ','.</summary>
    public static char Separator(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.NumberFormat.NumberDecimalSeparator == "," ? ';' : ',';
    }

    public static string Cell(ColumnType type, object? value, ExportContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Only the decimal separator follows the reader: no thousands separators, so every spreadsheet reads the number.
        IFormatProvider numbers = Separator(context.Culture) == ';' ? DecimalComma : CultureInfo.InvariantCulture;
        return value switch
        {
            null => "",
            MessageKey k => context.Translate(k.Key),
            DateTime d => d.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            int m when type == ColumnType.Hours => (m / 60m).ToString("0.00", numbers),
            long m when type == ColumnType.Hours => (m / 60m).ToString("0.00", numbers),
            IFormattable f => f.ToString(null, numbers),
            _ => Neutralize(value.ToString() ?? ""),
        };
    }


    /// <summary>Prefixes an apostrophe to text a spreadsheet would run as a formula or treat as a control sequence.</summary>
    public static string Neutralize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && (text[0] is '=' or '+' or '-' or '@' || char.IsControl(text[0])) ? "'" + text : text;
    }

    /// <summary>RFC 4180 quoting: quotes around fields holding the separator, a quote, CR or LF; quotes doubled.</summary>
    public static string Field(string value, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.AsSpan().IndexOfAny([separator, '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
