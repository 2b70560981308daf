using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace TrainingHub.UnitTests.Architecture;

/// <summary>Everything a person reads exists in Portuguese and in English.</summary>
public partial class ResourceTests
{
    private static Dictionary<string, string> Load(string language)
    {
        var file = SourceTree.Files(SourceTree.Path("src"), $"SharedResource.{language}.resx").ShouldHaveSingleItem();
        var data = XDocument.Load(file).Root!.Elements("data").ToList();
        data.GroupBy(d => (string)d.Attribute("name")!).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty($"keys written twice in {file}");
        return data.ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }

    [Test]
    public void Every_key_exists_in_both_languages_with_a_value()
    {
        var english = Load("en");
        var portuguese = Load("pt-BR");
        english.Count.ShouldBeGreaterThan(100);
        english.Keys.Except(portuguese.Keys).ShouldBeEmpty("keys missing in Portuguese");
        portuguese.Keys.Except(english.Keys).ShouldBeEmpty("keys missing in English");
        english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ShouldBeEmpty("empty English values");
        portuguese.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ShouldBeEmpty("empty Portuguese values");
    }

    [Test]
    public void Both_languages_use_the_same_placeholders()
    {
        var english = Load("en");
        var portuguese = Load("pt-BR");
        english.Where(e => portuguese.TryGetValue(e.Key, out var pt) && !Placeholders(e.Value).SetEquals(Placeholders(pt)))
            .Select(e => e.Key).ShouldBeEmpty();
    }

    [TestCase("en")]
    [TestCase("pt-BR")]
    public void No_value_writes_plural_or_gender_forms_in_brackets(string language)
    {
        // "certificado(s)", "inscrição(ões)", "mensagem(ns)", "avisado(a)", "Falta(m)": say it as a person would,
        // with the plural helper (Key / Key.One / Key.Zero, see Plural) or a wording that needs no gender.
        Load(language).Where(e => BracketedForm().IsMatch(e.Value)).Select(e => $"{e.Key}: {e.Value}").ShouldBeEmpty();
    }

    [Test]
    public void Every_singular_and_zero_form_belongs_to_a_counted_message()
    {
        var english = Load("en");
        english.Keys.Where(k => (k.EndsWith(".One", StringComparison.Ordinal) || k.EndsWith(".Zero", StringComparison.Ordinal))
            && !english.ContainsKey(k[..k.LastIndexOf('.')])).ShouldBeEmpty();
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{L}\((s|es|a|as|os|ns|m|is|ões|ãos|ães)\)", RegexOptions.IgnoreCase)]
    private static partial Regex BracketedForm();
}
