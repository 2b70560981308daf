using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace TrainingHub.IntegrationTests.Reports;

/// <summary>Reads exports back with independent readers: a small RFC 4180 parser, openpyxl under Debian's Python, pdftotext.</summary>
internal static partial class ReportFiles
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d+,\d+$")]
    private static partial System.Text.RegularExpressions.Regex DecimalComma();

    public static List<string[]> ParseCsv(byte[] bytes)
    {
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "UTF-8 byte order mark");
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        // A Portuguese reader's file separates with ';' and writes decimals with a comma: read as Excel in Portuguese would,
        // then give numbers back with a dot so the comparisons are the same in both languages.
        var header = text[..text.IndexOf('\r', StringComparison.Ordinal)];
        var separator = header.Contains(';', StringComparison.Ordinal) && !header.Contains(',', StringComparison.Ordinal) ? ';' : ',';
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                c.ShouldNotBe('\n', "bare LF outside quotes: lines must end with CRLF");
                field.Append(c);
            }
        }

        (field.Length + row.Count).ShouldBe(0, "the file ends with CRLF");
        return separator == ','
            ? rows
            : rows.Select(r => r.Select(f => DecimalComma().IsMatch(f) ? f.Replace(',', '.') : f).ToArray()).ToList();
    }

    /// <summary>The workbook as openpyxl sees it: sheet names, the first sheet's frozen pane, and its cells with their Python types.</summary>
    public static JsonElement ReadXlsx(byte[] bytes)
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            Assert.Ignore("/usr/bin/python3 is missing: ./test.sh installs python3-openpyxl.");
        }

        var path = Path.Combine(Path.GetTempPath(), $"th-xlsx-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, bytes);
        try
        {
            const string script = """
                import json, sys, datetime, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1])
                ws = wb.worksheets[0]
                def cell(v):
                    if isinstance(v, datetime.datetime): return {"t": "date", "v": v.isoformat()}
                    if isinstance(v, bool): return {"t": "bool", "v": v}
                    if isinstance(v, (int, float)): return {"t": "num", "v": v}
                    if v is None: return {"t": "none", "v": None}
                    return {"t": "str", "v": str(v)}
                rows = [[cell(c) for c in r] for r in ws.iter_rows(values_only=True)]
                about = [[str(c) if c is not None else "" for c in r] for r in wb.worksheets[1].iter_rows(values_only=True)]
                print(json.dumps({"sheets": wb.sheetnames, "freeze": ws.freeze_panes, "rows": rows, "about": about}))
                """;
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", script, path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (error.Contains("No module named 'openpyxl'", StringComparison.Ordinal))
            {
                Assert.Ignore("python3-openpyxl is missing: ./test.sh installs it.");
            }

            process.ExitCode.ShouldBe(0, error);
            return JsonDocument.Parse(output).RootElement.Clone();
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static string PdfText(byte[] bytes)
    {
        if (!File.Exists("/usr/bin/pdftotext"))
        {
            Assert.Ignore("pdftotext (poppler-utils) is missing: ./test.sh installs it.");
        }

        var path = Path.Combine(Path.GetTempPath(), $"th-pdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
