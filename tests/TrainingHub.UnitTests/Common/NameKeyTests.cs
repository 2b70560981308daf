using TrainingHub.Core.Common;

namespace TrainingHub.UnitTests.Common;

public class NameKeyTests
{
    [TestCase("Conceição Álvares", "conceicao alvares")]
    [TestCase("  JOÃO da Silva  ", "joao da silva")]
    [TestCase("Ângela Müller-Ribeiro", "angela muller-ribeiro")]
    [TestCase("", "")]
    [TestCase(null, "")]
    public void Names_fold_to_lower_case_without_accents(string? name, string key) => NameKey.For(name).ShouldBe(key);

    [Test]
    public void Folded_names_sort_Portuguese_names_where_people_expect_them()
    {
        var names = new[] { "Otávio", "Álvaro", "Beatriz", "Érica", "Caio", "Ana" };
        names.OrderBy(NameKey.For, StringComparer.Ordinal).ShouldBe(["Álvaro", "Ana", "Beatriz", "Caio", "Érica", "Otávio"]);
    }

    [Test]
    public void Keys_never_exceed_the_column() => NameKey.For(new string('á', 500)).Length.ShouldBe(NameKey.MaxLength);
}
