using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.Localization;
using TrainingHub.UnitTests.Architecture;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.UnitTests.Notifications;

/// <summary>The jobs page states each run's result in the reader's language, from the neutral form the scheduler keeps.</summary>
public sealed class JobResultTests
{
    [TestCase("pt-BR", "Queued:0", "nada a enfileirar")]
    [TestCase("pt-BR", "Queued:1", "1 mensagem na fila")]
    [TestCase("pt-BR", "Queued:3", "3 mensagens na fila")]
    [TestCase("en", "Issued:1", "1 certificate issued")]
    [TestCase("pt-BR", "Expired:2", "2 ofertas de vaga expiradas")]
    [TestCase("pt-BR", "WaitingForPublicUrl:0", "nada emitido: aguardando o endereço público (App:PublicUrl)")]
    [TestCase("pt-BR", "Intact:120", "trilha de auditoria íntegra, 120 registros conferidos")]
    [TestCase("pt-BR", "Dispatch:5:1:0:2", "enviadas: 5; para nova tentativa: 1; com falha definitiva: 0; canceladas: 2")]
    [TestCase("en", "Broken:17:Altered", "The chain is broken: entry 17 was altered.")]
    [TestCase("pt-BR", "3 queued", "3 queued")]
    public void A_result_is_written_in_the_reader_s_language(string language, string stored, string expected) =>
        JobResult.Describe(stored, new ResxLocalizer(language)).ShouldBe(expected);

    [Test]
    public void What_the_jobs_return_is_what_the_page_reads() =>
        JobResult.Describe(JobResult.Of("Queued", 2), new ResxLocalizer("en")).ShouldBe("2 messages queued");

    /// <summary>The real resource file of one language.</summary>
    private sealed class ResxLocalizer(string language) : IStringLocalizer
    {
        private readonly Dictionary<string, string> texts = XDocument.Load(SourceTree.Files(SourceTree.Path("src"), $"SharedResource.{language}.resx").Single())
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

        public LocalizedString this[string name] =>
            texts.TryGetValue(name, out var v) ? new LocalizedString(name, v) : new LocalizedString(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] =>
            texts.TryGetValue(name, out var v) ? new LocalizedString(name, string.Format(CultureInfo.InvariantCulture, v, arguments)) : new LocalizedString(name, name, resourceNotFound: true);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => texts.Select(t => new LocalizedString(t.Key, t.Value));
    }
}
