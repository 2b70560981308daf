using System.IO.Compression;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Imports;

/// <summary>One data row: its line (CSV) or row number (XLSX) as the person sees it in their editor, and its cells.</summary>
public sealed record ImportRow(int Line, IReadOnlyDictionary<ImportColumn, string> Cells)
{
    /// <summary>The trimmed cell, or null when the column is absent or the cell blank.</summary>
    public string? this[ImportColumn column] => Cells.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}

/// <param name="Headers">The recognised columns, with the header as the file wrote it.</param>
/// <param name="Malformed">Lines whose quoting is broken (RFC 4180), reported as row errors.</param>
public sealed record ImportTable(
    string Format, char? Separator, IReadOnlyDictionary<ImportColumn, string> Headers, IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<ImportRow> Rows, IReadOnlyList<int> Malformed)
{
    public bool HasPeople => ImportColumns.PersonColumns.Any(Headers.ContainsKey);
    public bool HasOfferings => Headers.ContainsKey(ImportColumn.Offering);

    public string ColumnName(ImportColumn column) => Headers.TryGetValue(column, out var h) ? h : ImportColumns.CanonicalName(column);
}

/// <summary>What a file must hold: people (and/or enrolments) for the people import, or a list of CPFs (programme members).</summary>
public enum ImportShape
{
    People,
    CpfList,
}

/// <summary>
/// Reads an uploaded file, recognising its type by content: XLSX (a ZIP with [Content_Types].xml; the first
/// worksheet, first row headers) or UTF-8 CSV (optional BOM, ';' or ',' detected from the header line, RFC 4180
/// quoting). Refuses what it cannot read with a file-level error (field "File").
/// </summary>
public static class ParseImportFile
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 50_000;
    private const long MaxUnzippedBytes = 200L * 1024 * 1024;
    private const string File = "File";

    public static Result<ImportTable> Handle(ReadOnlyMemory<byte> content) => Handle(content, ImportShape.People);

    /// <summary>
    /// Reads a file of the given shape. A <see cref="ImportShape.CpfList"/> needs only a "cpf" column (other recognised
    /// columns are optional), or no header at all when its first line is a CPF: then every line is one CPF.
    /// </summary>
    public static Result<ImportTable> Handle(ReadOnlyMemory<byte> content, ImportShape shape)
    {
        if (content.Length == 0)
        {
            return Error.Validation(File, "Import.Empty");
        }

        if (content.Length > MaxBytes)
        {
            return Error.Validation(File, "Import.TooLarge", MaxBytes / (1024 * 1024));
        }

        var bytes = content.Span;
        return bytes is [0x50, 0x4B, 0x03, 0x04, ..] ? ReadXlsx(content, shape) : ReadCsv(content, shape);
    }

    private static Result<ImportTable> ReadCsv(ReadOnlyMemory<byte> content, ImportShape shape)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content.Span);
        }
        catch (DecoderFallbackException)
        {
            return Error.Validation(File, "Import.NotUtf8");
        }

        text = text.TrimStart('\uFEFF');
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Error.Validation(File, "Import.UnknownFormat");
        }

        var separator = DetectSeparator(text);
        var malformed = new List<int>();
        var options = CsvReaderOptions.Default with
        {
            Separator = separator,
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = r => malformed.Add((int)r.LineNumber),
        };
        using var reader = CsvReader.FromText(text, options);
        var records = new List<(int Line, string[] Cells)>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i) ?? "";
            }

            if (records.Count > MaxRows)
            {
                return Error.Validation(File, "Import.TooManyRows", MaxRows);
            }

            if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                records.Add(((int)reader.LineNumber, cells));
            }
        }

        return Tabulate("csv", separator, records, malformed, shape);
    }

    /// <summary>The header line's separator: whichever of ';' and ',' occurs more often outside quotes (';' on a tie).</summary>
    private static char DetectSeparator(string text)
    {
        int semicolons = 0, commas = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
            else if (!quoted && c == ';')
            {
                semicolons++;
            }
            else if (!quoted && c == ',')
            {
                commas++;
            }
        }

        return commas > semicolons ? ',' : ';';
    }

    private static Result<ImportTable> ReadXlsx(ReadOnlyMemory<byte> content, ImportShape shape)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
            {
                if (zip.GetEntry("[Content_Types].xml") is null)
                {
                    return Error.Validation(File, "Import.UnknownFormat");
                }

                if (zip.Entries.Sum(e => e.Length) > MaxUnzippedBytes)
                {
                    return Error.Validation(File, "Import.TooLarge", MaxBytes / (1024 * 1024));
                }
            }

            stream.Position = 0;
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart;
            var sheet = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || sheet?.Id?.Value is not { } sheetId || workbook.GetPartById(sheetId) is not WorksheetPart part)
            {
                return Error.Validation(File, "Import.NoHeader");
            }

            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
            var records = new List<(int Line, string[] Cells)>();
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                if (records.Count > MaxRows)
                {
                    return Error.Validation(File, "Import.TooManyRows", MaxRows);
                }

                var line = (int)(row.RowIndex?.Value ?? (uint)(records.Count + 1));
                var cells = new List<string>();
                var position = 0;
                foreach (var cell in row.Elements<Cell>())
                {
                    var index = ColumnIndex(cell.CellReference?.Value) ?? position;
                    while (cells.Count <= index)
                    {
                        cells.Add("");
                    }

                    cells[index] = CellText(cell, shared);
                    position = index + 1;
                }

                if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
                {
                    records.Add((line, cells.ToArray()));
                }
            }

            return Tabulate("xlsx", null, records, [], shape);
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or System.Xml.XmlException or IOException)
        {
            return Error.Validation(File, "Import.BadXlsx");
        }
    }

    private static string CellText(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, out var i) && i >= 0 && i < shared.Length ? shared[i] : "";
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        // Numbers (a CPF typed as a number): write them without exponent or decimals.
        if (cell.DataType is null && raw.Length > 0
            && decimal.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number))
        {
            return number.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        }

        return raw;
    }

    /// <summary>"C12" → 2 (0-based).</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index == 0 ? null : index - 1;
    }

    private static Result<ImportTable> Tabulate(string format, char? separator, List<(int Line, string[] Cells)> records, IReadOnlyList<int> malformed, ImportShape shape)
    {
        if (records.Count == 0)
        {
            return Error.Validation(File, "Import.NoHeader");
        }

        var (_, header) = records[0];
        if (shape == ImportShape.CpfList && header.Length > 0 && Cpf.Normalize(header[0]) is not null && ImportColumns.Match(header[0].Trim()) is null)
        {
            // No header: one CPF a line (the first cell of each line).
            var cpfRows = records.Select(r => new ImportRow(r.Line, new Dictionary<ImportColumn, string> { [ImportColumn.Cpf] = r.Cells[0] })).ToList();
            return Result<ImportTable>.Ok(new ImportTable(format, separator, new Dictionary<ImportColumn, string> { [ImportColumn.Cpf] = "cpf" }, [], cpfRows, malformed));
        }

        var columns = new Dictionary<ImportColumn, (int Index, string Header)>();
        var ignored = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (ImportColumns.Match(name) is not { } column)
            {
                if (name.Length > 0)
                {
                    ignored.Add(name);
                }

                continue;
            }

            if (columns.TryGetValue(column, out var first))
            {
                return Error.Validation(File, "Import.DuplicateColumn", first.Header, name);
            }

            columns[column] = (i, name);
        }

        var headers = columns.ToDictionary(c => c.Key, c => c.Value.Header);
        var table = new ImportTable(format, separator, headers, ignored, [], malformed);
        var missing = new List<string>();
        if (!columns.ContainsKey(ImportColumn.Cpf))
        {
            missing.Add("cpf");
        }

        // A CPF list needs only the CPF; an organisation column, when there is one, is checked against each person's.
        if (shape == ImportShape.People && table.HasPeople)
        {
            missing.AddRange(ImportColumns.RequiredPersonColumns.Where(c => !columns.ContainsKey(c)).Select(ImportColumns.CanonicalName));
        }
        else if (shape == ImportShape.People && !table.HasOfferings)
        {
            missing.Add("nome / turma");
        }

        if (missing.Count > 0)
        {
            return Error.Validation(File, "Import.MissingColumns", missing.Count, string.Join(", ", missing));
        }

        var rows = records.Skip(1)
            .Select(r => new ImportRow(r.Line, columns.ToDictionary(c => c.Key, c => c.Value.Index < r.Cells.Length ? r.Cells[c.Value.Index] : "")))
            .ToList();
        if (rows.Count == 0)
        {
            return Error.Validation(File, "Import.NoRows");
        }

        return Result<ImportTable>.Ok(table with { Rows = rows });
    }
}
