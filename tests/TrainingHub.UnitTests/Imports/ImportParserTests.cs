using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TrainingHub.Core.Common;
using TrainingHub.Core.Imports;

namespace TrainingHub.UnitTests.Imports;

/// <summary>The people import file: CSV in either separator or XLSX, headers in Portuguese or English, refused clearly when unusable.</summary>
public class ImportParserTests
{
    private static ImportTable Parsed(byte[] content)
    {
        var result = ParseImportFile.Handle(content);
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    private static FieldError Refused(byte[] content)
    {
        var result = ParseImportFile.Handle(content);
        result.Succeeded.ShouldBeFalse();
        var error = result.Errors.Single();
        error.Field.ShouldBe("File");
        return error;
    }

    private static void Refused(byte[] content, string code, params object[] args)
    {
        var error = Refused(content);
        error.Code.ShouldBe(code);
        error.Args.ShouldBe(args);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public void A_semicolon_csv_with_portuguese_headers_gives_people_rows_with_their_lines()
    {
        var table = Parsed(Utf8("cpf;nome;email;órgão;cargo\n529.982.247-25;Ana Souza;ana@example.org;SEPLAG;Analista\n\n111.444.777-35; Beto ;beto@example.org;SEF;\n"));
        table.Format.ShouldBe("csv");
        table.Separator.ShouldBe(';');
        table.HasPeople.ShouldBeTrue();
        table.HasOfferings.ShouldBeFalse();
        table.Headers[ImportColumn.Organization].ShouldBe("órgão");
        table.Rows.Select(r => r.Line).ShouldBe([2, 4]);
        table.Rows[0][ImportColumn.Name].ShouldBe("Ana Souza");
        table.Rows[1][ImportColumn.Name].ShouldBe("Beto");
        table.Rows[1][ImportColumn.JobTitle].ShouldBeNull("a blank cell reads as absent");
        table.Rows[1][ImportColumn.Offering].ShouldBeNull();
    }

    [Test]
    public void A_comma_csv_with_english_headers_and_a_byte_order_mark_lists_the_columns_it_ignores()
    {
        var table = Parsed([.. Encoding.UTF8.GetPreamble(), .. Utf8("CPF,Name,E-mail,Organization,Notes,Manager_CPF\r\n52998224725,\"Souza, Ana\",ana@example.org,SEPLAG,likes mornings,11144477735\r\n")]);
        table.Separator.ShouldBe(',');
        table.IgnoredColumns.ShouldBe(["Notes"]);
        table.ColumnName(ImportColumn.ManagerCpf).ShouldBe("Manager_CPF");
        table.ColumnName(ImportColumn.Language).ShouldBe("idioma", "a column the file does not have goes by its documented name");
        table.Rows.Single()[ImportColumn.Name].ShouldBe("Souza, Ana");
    }

    [Test]
    public void A_file_of_cpfs_and_classes_only_enrols()
    {
        var table = Parsed(Utf8("cpf;turma\n52998224725;GC-2026-01\n"));
        table.HasPeople.ShouldBeFalse();
        table.HasOfferings.ShouldBeTrue();
        table.Rows.Single()[ImportColumn.Offering].ShouldBe("GC-2026-01");
    }

    [Test]
    public void Broken_quoting_is_reported_by_line_not_refused()
    {
        var table = Parsed(Utf8("cpf;turma\n52998224725;\"GC-2026-01\n11144477735;GC-2026-02\n"));
        table.Malformed.ShouldNotBeEmpty();
    }

    [Test]
    public void An_xlsx_is_read_from_its_first_sheet_with_numeric_cpfs_written_whole()
    {
        var table = Parsed(Xlsx(["cpf", "nome", "email", "orgao"], [52998224725m, "Ana Souza", "ana@example.org", "SEPLAG"]));
        table.Format.ShouldBe("xlsx");
        table.Separator.ShouldBeNull();
        table.Rows.Single().Line.ShouldBe(2);
        table.Rows.Single()[ImportColumn.Cpf].ShouldBe("52998224725");
        table.Rows.Single()[ImportColumn.Email].ShouldBe("ana@example.org");
    }

    [Test]
    public void Files_it_cannot_use_are_refused_with_the_reason()
    {
        Refused([]).Code.ShouldBe("Import.Empty");
        Refused(new byte[ParseImportFile.MaxBytes + 1]).Code.ShouldBe("Import.TooLarge");
        Refused([0x6E, 0x6F, 0x6D, 0x65, 0x0A, 0x4A, 0x6F, 0xE3, 0x6F, 0x0A]).Code.ShouldBe("Import.NotUtf8");
        Refused([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]).Code.ShouldBe("Import.BadXlsx");
        Refused(Utf8("\n\n")).Code.ShouldBe("Import.NoHeader");
        Refused(Utf8("cpf;nome;email;orgao\n")).Code.ShouldBe("Import.NoRows");
        Refused(Utf8("cpf;nome;name\n1;a;b\n"), "Import.DuplicateColumn", "nome", "name");
        Refused(Utf8("cpf;nome\n1;a\n"), "Import.MissingColumns", 2, "email, orgao");
        Refused(Utf8("nome;email;orgao\na;b;c\n"), "Import.MissingColumns", 1, "cpf");
        Refused(Utf8("cpf;cargo_x\n1;a\n"), "Import.MissingColumns", 1, "nome / turma");
    }

    /// <summary>A workbook of one sheet, text in shared strings and numbers as number cells, as spreadsheet programs save it.</summary>
    private static byte[] Xlsx(params object[][] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    if (rows[r][c] is decimal number)
                    {
                        row.Append(new Cell { CellReference = reference, CellValue = new CellValue(number) });
                    }
                    else
                    {
                        strings.SharedStringTable.Append(new SharedStringItem(new Text((string)rows[r][c])));
                        var index = strings.SharedStringTable.Count() - 1;
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index) });
                    }
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Pessoas" }));
        }

        return stream.ToArray();
    }
}
