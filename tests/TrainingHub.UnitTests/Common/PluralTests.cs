using System.Globalization;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;

namespace TrainingHub.UnitTests.Common;

public sealed class PluralTests
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["Seats"] = "{0} vagas restantes",
        ["Seats.One"] = "1 vaga restante",
        ["Notified"] = "{0} pessoas serão avisadas",
        ["Notified.One"] = "1 pessoa será avisada",
        ["Notified.Zero"] = "Ninguém será avisado",
    };

    [TestCase("Seats", 0, "0 vagas restantes")]
    [TestCase("Seats", 1, "1 vaga restante")]
    [TestCase("Seats", 2, "2 vagas restantes")]
    [TestCase("Notified", 0, "Ninguém será avisado")]
    [TestCase("Notified", 1, "1 pessoa será avisada")]
    [TestCase("Notified", 34, "34 pessoas serão avisadas")]
    public void The_singular_is_for_exactly_one_and_zero_has_its_own_words_when_given(string key, int count, string expected) =>
        new Localizer().Count(key, count).Value.ShouldBe(expected);

    [Test]
    public void No_message_says_s_in_brackets_in_either_language()
    {
        foreach (var lang in new[] { "en", "pt-BR" })
        {
            var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "src", "TrainingHub.Core", "Resources", $"SharedResource.{lang}.resx");
            var values = System.Xml.Linq.XDocument.Load(path).Root!.Elements("data").Select(d => (Key: (string)d.Attribute("name")!, Value: (string?)d.Element("value") ?? ""));
            var keys = new[] { "Approvals.Waiting", "Certificate.IssuedCount", "Browse.SeatsLeft", "Offering.CancelledFlash", "Session.CancelledFlash", "Offering.SeriesSessionsCreated" };
            values.Where(v => keys.Contains(v.Key) && (v.Value.Contains("(s)", StringComparison.Ordinal) || v.Value.Contains("(ns)", StringComparison.Ordinal)))
                .Select(v => $"{lang} {v.Key}").ShouldBeEmpty();
        }
    }

    private sealed class Localizer : IStringLocalizer
    {
        public LocalizedString this[string name] =>
            Texts.TryGetValue(name, out var v) ? new LocalizedString(name, v) : new LocalizedString(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] =>
            Texts.TryGetValue(name, out var v) ? new LocalizedString(name, string.Format(CultureInfo.InvariantCulture, v, arguments)) : new LocalizedString(name, name, resourceNotFound: true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => Texts.Select(t => new LocalizedString(t.Key, t.Value));
    }
}
