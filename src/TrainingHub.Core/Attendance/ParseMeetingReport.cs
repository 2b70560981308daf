using System.Globalization;
using System.Text;
using TrainingHub.Core.Common;

namespace TrainingHub.Core.Attendance;

/// <summary>One participant line of a meeting report: the line as an editor shows it, and its cells (trimmed, maybe empty).</summary>
public sealed record MeetingReportRow(int Line, string Name, string Email, string Cpf, string Join, string Leave);

/// <param name="Format">"generic", "zoom" or "teams": recognised from the participants' header.</param>
/// <param name="Columns">The header as the file wrote it, by role: name, email, join, leave, cpf.</param>
public sealed record MeetingReport(string Format, char Separator, IReadOnlyDictionary<string, string> Columns, IReadOnlyList<MeetingReportRow> Rows);

/// <summary>
/// Reads a participant report as exported by meeting tools: a generic CSV (name,email,join,leave[,cpf]), Zoom's
/// participants report ("Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", with or
/// without the meeting summary above it) and the participants section of a Microsoft Teams attendance report ("Name",
/// "First Join"/"Join Time", "Last Leave"/"Leave Time", "Email"). UTF-8 with or without BOM (UTF-16 with BOM too, as
/// Teams writes it); ',', ';' or tab separators; RFC 4180 quoting. The header is the first line naming a join and a
/// leave column; rows follow until a blank line. Times are parsed by <see cref="ParseTime"/>.
/// </summary>
public static class ParseMeetingReport
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;
    private const string File = "File";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["name"] = "name",
        ["nome"] = "name",
        ["nameoriginalname"] = "name",
        ["nomenomeoriginal"] = "name",
        ["fullname"] = "name",
        ["participant"] = "name",
        ["participante"] = "name",
        ["email"] = "email",
        ["useremail"] = "email",
        ["emaildousuario"] = "email",
        ["emailaddress"] = "email",
        ["join"] = "join",
        ["jointime"] = "join",
        ["firstjoin"] = "join",
        ["entrada"] = "join",
        ["horadeentrada"] = "join",
        ["horarioentrada"] = "join",
        ["primeiraentrada"] = "join",
        ["leave"] = "leave",
        ["leavetime"] = "leave",
        ["lastleave"] = "leave",
        ["saida"] = "leave",
        ["horadesaida"] = "leave",
        ["horariosaida"] = "leave",
        ["ultimasaida"] = "leave",
        ["cpf"] = "cpf",
    };

    public static Result<MeetingReport> Handle(ReadOnlyMemory<byte> content)
    {
        if (content.Length == 0)
        {
            return Error.Validation(File, "MeetingImport.Empty");
        }

        if (content.Length > MaxBytes)
        {
            return Error.Validation(File, "MeetingImport.TooLarge", MaxBytes / (1024 * 1024));
        }

        string text;
        try
        {
            var span = content.Span;
            text = span switch
            {
                [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true).GetString(span[2..]),
                [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true).GetString(span[2..]),
                _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(span),
            };
        }
        catch (DecoderFallbackException)
        {
            return Error.Validation(File, "MeetingImport.NotUtf8");
        }

        text = text.TrimStart('\uFEFF');
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Error.Validation(File, "MeetingImport.NotCsv");
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var separator = DetectSeparator(line);
            var header = SplitRecord(line, separator);
            var columns = new Dictionary<string, (int Index, string Header)>(StringComparer.Ordinal);
            for (var c = 0; c < header.Count; c++)
            {
                if (Aliases.TryGetValue(Key(header[c]), out var role) && !columns.ContainsKey(role))
                {
                    columns[role] = (c, header[c].Trim());
                }
            }

            if (!columns.ContainsKey("join") || !columns.ContainsKey("leave"))
            {
                continue;
            }

            if (!columns.ContainsKey("email") && !columns.ContainsKey("cpf"))
            {
                return Error.Validation(File, "MeetingImport.MissingColumns", "email / cpf");
            }

            var keys = header.Select(Key).ToHashSet(StringComparer.Ordinal);
            var format = keys.Contains("nameoriginalname") || keys.Contains("useremail") || keys.Contains("durationminutes") ? "zoom"
                : keys.Contains("firstjoin") || keys.Contains("lastleave") || keys.Contains("inmeetingduration") || keys.Contains("participantidupn") ? "teams"
                : "generic";
            var rows = new List<MeetingReportRow>();
            var records = ReadRecords(lines, i + 1, separator);
            foreach (var (lineNumber, cells) in records)
            {
                if (rows.Count >= MaxRows)
                {
                    return Error.Validation(File, "MeetingImport.TooManyRows", MaxRows);
                }

                string Cell(string role) => columns.TryGetValue(role, out var col) && col.Index < cells.Count ? cells[col.Index].Trim() : "";
                rows.Add(new MeetingReportRow(lineNumber, Cell("name"), Cell("email"), Cell("cpf"), Cell("join"), Cell("leave")));
            }

            if (rows.Count == 0)
            {
                return Error.Validation(File, "MeetingImport.NoRows");
            }

            return Result<MeetingReport>.Ok(new MeetingReport(format, separator, columns.ToDictionary(c => c.Key, c => c.Value.Header, StringComparer.Ordinal), rows));
        }

        return Error.Validation(File, "MeetingImport.NoHeader");
    }

    /// <summary>
    /// A time as meeting tools write it: ISO 8601 (with an offset or "Z", honoured; without, São Paulo time),
    /// dd/MM/yyyy HH:mm[:ss] (also "dd/MM/yyyy, HH:mm:ss"), and, only with an AM/PM designator, the US order
    /// MM/dd/yyyy hh:mm[:ss] AM (Zoom's and Teams' English exports). Returns UTC, or null when unreadable.
    /// </summary>
    public static DateTime? ParseTime(string value)
    {
        var v = (value ?? "").Trim().Replace(", ", " ", StringComparison.Ordinal).Replace('\u202F', ' ');
        if (v.Length == 0)
        {
            return null;
        }

        var inv = CultureInfo.InvariantCulture;
        string[] offsetFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mmK"];
        if ((v.EndsWith('Z') || HasOffset(v)) && DateTimeOffset.TryParseExact(v, offsetFormats, inv, DateTimeStyles.None, out var withOffset))
        {
            return withOffset.UtcDateTime;
        }

        string[] local =
        [
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm",
            "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm:ss", "d/M/yyyy H:mm",
        ];
        string[] us = ["MM/dd/yyyy hh:mm:ss tt", "M/d/yyyy h:mm:ss tt", "M/d/yyyy h:mm tt", "M/d/yy h:mm:ss tt", "M/d/yy h:mm tt"];
        var isUs = v.EndsWith("AM", StringComparison.OrdinalIgnoreCase) || v.EndsWith("PM", StringComparison.OrdinalIgnoreCase);
        return DateTime.TryParseExact(v, isUs ? us : local, inv, DateTimeStyles.AllowWhiteSpaces, out var at) ? SaoPaulo.ToUtc(at) : null;
    }

    private static bool HasOffset(string v) =>
        v.Length > 6 && (v[^6] is '+' or '-') && v[^3] == ':' && v.Contains('T', StringComparison.Ordinal) | v.Contains(' ', StringComparison.Ordinal);

    /// <summary>Lowercase letters and digits only, accents removed: "Name (Original Name)" → "nameoriginalname".</summary>
    private static string Key(string header)
    {
        var normalized = header.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static char DetectSeparator(string line)
    {
        int tabs = 0, semicolons = 0, commas = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                tabs += c == '\t' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                commas += c == ',' ? 1 : 0;
            }
        }

        return tabs > semicolons && tabs > commas ? '\t' : commas > semicolons ? ',' : ';';
    }

    private static List<string> SplitRecord(string line, char separator) => ReadRecords([line], 0, separator).FirstOrDefault().Cells ?? [];

    /// <summary>Records from <paramref name="start"/> until a blank line or the end (RFC 4180: quotes may hold separators and line breaks).</summary>
    private static List<(int Line, List<string> Cells)> ReadRecords(string[] lines, int start, char separator)
    {
        var records = new List<(int, List<string>)>();
        var i = start;
        while (i < lines.Length)
        {
            var first = lines[i].TrimEnd('\r');
            if (first.Trim().Length == 0)
            {
                break;
            }

            var lineNumber = i + 1;
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            var text = first;
            var pos = 0;
            while (true)
            {
                if (pos >= text.Length)
                {
                    if (quoted && i + 1 < lines.Length)
                    {
                        cell.Append('\n');
                        i++;
                        text = lines[i].TrimEnd('\r');
                        pos = 0;
                        continue;
                    }

                    break;
                }

                var c = text[pos++];
                if (quoted)
                {
                    if (c == '"' && pos < text.Length && text[pos] == '"')
                    {
                        cell.Append('"');
                        pos++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        cell.Append(c);
                    }
                }
                else if (c == '"' && cell.ToString().Trim().Length == 0)
                {
                    cell.Clear();
                    quoted = true;
                }
                else if (c == separator)
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                else
                {
                    cell.Append(c);
                }
            }

            cells.Add(cell.ToString());
            records.Add((lineNumber, cells));
            i++;
        }

        return records;
    }
}
