using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.UnitTests.Architecture;

namespace TrainingHub.UnitTests.Common;

/// <summary>Counts and names read as a native speaker writes them, with the real resource files (#17 item 6).</summary>
public sealed partial class WordingTests
{
    [TestCase("pt-BR", "Import.PreviewIntro", 1, "pessoas.csv: 1 linha lida. Nada foi gravado ainda.")]
    [TestCase("pt-BR", "Import.PreviewIntro", 2, "pessoas.csv: 2 linhas lidas. Nada foi gravado ainda.")]
    [TestCase("en", "Import.DoneIntro", 1, "pessoas.csv: 1 row imported.")]
    [TestCase("pt-BR", "Import.DoneIntro", 3, "pessoas.csv: 3 linhas importadas.")]
    public void A_count_of_rows_takes_its_singular_for_one(string language, string key, int count, string expected) =>
        new ResxLocalizer(language).Count(key, count, "pessoas.csv").Value.ShouldBe(expected);

    [TestCase("pt-BR", "CheckIn.WrongCode", 1, "Código errado ou expirado. Resta 1 tentativa.")]
    [TestCase("pt-BR", "Attendance.Saved", 1, "Frequência salva (1 alteração).")]
    [TestCase("pt-BR", "Attendance.Saved", 0, "Frequência salva (nada mudou).")]
    [TestCase("pt-BR", "Import.EnrolOrg.Done", 1, "1 pessoa considerada.")]
    [TestCase("pt-BR", "MeetingImport.Commit", 1, "Registrar frequência de 1 pessoa")]
    [TestCase("pt-BR", "Offering.Unlimited", 1, "1 inscrição confirmada, vagas ilimitadas")]
    [TestCase("pt-BR", "Audit.Verify.Intact", 1, "A cadeia está íntegra: 1 registro verificado.")]
    [TestCase("en", "Offering.Unlimited", 1, "1 confirmed, unlimited seats")]
    public void A_count_of_one_is_said_in_the_singular(string language, string key, int count, string expected) =>
        new ResxLocalizer(language).Count(key, count).Value.ShouldBe(expected);

    [TestCase("pt-BR", 1, "Registros: 0 de 1 pessoa")]
    [TestCase("pt-BR", 12, "Registros: 0 de 12 pessoas")]
    [TestCase("en", 1, "Recorded: 0 of 1 person")]
    public void The_roster_counts_people_in_the_singular_for_one(string language, int people, string expected) =>
        new ResxLocalizer(language).Count("Attendance.Count", people, 0).Value.ShouldBe(expected);

    [TestCase("en")]
    [TestCase("pt-BR")]
    public void No_email_puts_a_noun_before_a_name_that_may_already_say_it(string language)
    {
        // "O encontro Encontro 2 da turma Websérie…", "O programa Programa…": session, class and programme names
        // often begin with their own kind, so the emails name them after a colon or in brackets instead.
        new ResxLocalizer(language).Texts.Where(e => e.Key.StartsWith("Mail.", StringComparison.Ordinal) && NounBeforeName().IsMatch(e.Value))
            .Select(e => $"{e.Key}: {e.Value}").ShouldBeEmpty();
    }

    [GeneratedRegex(@"\b(o encontro|do encontro|da turma|a turma|na turma|o programa|do programa|the session|the class|the programme|of the programme) [""“]?\{\d\}", RegexOptions.IgnoreCase)]
    private static partial Regex NounBeforeName();

    /// <summary>The real resource file of one language.</summary>
    private sealed class ResxLocalizer(string language) : IStringLocalizer
    {
        public Dictionary<string, string> Texts { get; } = XDocument.Load(SourceTree.Files(SourceTree.Path("src"), $"SharedResource.{language}.resx").Single())
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

        public LocalizedString this[string name] =>
            Texts.TryGetValue(name, out var v) ? new LocalizedString(name, v) : new LocalizedString(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] =>
            Texts.TryGetValue(name, out var v) ? new LocalizedString(name, string.Format(CultureInfo.InvariantCulture, v, arguments)) : new LocalizedString(name, name, resourceNotFound: true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Texts.Select(t => new LocalizedString(t.Key, t.Value));
    }
}
