using System.Text;
using TrainingHub.Core.Imports;

namespace TrainingHub.UnitTests.Imports;

/// <summary>A programme's member list file: a "cpf" column (an organisation column optional), or one CPF a line without a header.</summary>
public class CpfListParserTests
{
    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public void A_file_without_a_header_is_one_cpf_a_line_counting_lines_from_the_first()
    {
        var result = ParseImportFile.Handle(Csv("529.982.247-25\n\n11144477735\n"), ImportShape.CpfList);
        result.Errors.ShouldBeEmpty();
        var table = result.Value!;
        table.Rows.Select(r => (r.Line, r[ImportColumn.Cpf])).ShouldBe([(1, "529.982.247-25"), (3, "11144477735")]);
        table.Headers.Keys.ShouldBe([ImportColumn.Cpf]);
    }

    [Test]
    public void A_header_needs_only_the_cpf_and_keeps_the_organisation_column()
    {
        var table = ParseImportFile.Handle(Csv("CPF;Órgão;observação\n52998224725;3106200;x\n"), ImportShape.CpfList).Value!;
        table.Headers.Keys.Order().ShouldBe([ImportColumn.Cpf, ImportColumn.Organization]);
        table.IgnoredColumns.ShouldBe(["observação"]);
        table.Rows.Single()[ImportColumn.Organization].ShouldBe("3106200");
    }

    [Test]
    public void Without_a_cpf_column_the_list_is_refused_naming_it_while_the_people_import_still_asks_for_its_columns()
    {
        var missing = ParseImportFile.Handle(Csv("orgao\n3106200\n"), ImportShape.CpfList);
        missing.Errors.Single().Code.ShouldBe("Import.MissingColumns");
        missing.Errors.Single().Args[1].ShouldBe("cpf");
        ParseImportFile.Handle(Csv("cpf;orgao\n52998224725;3106200\n")).Errors.Single().Args[1].ShouldBe("nome, email");
    }
}
