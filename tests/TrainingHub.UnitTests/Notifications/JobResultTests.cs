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
    [TestCase("pt-BR", "Purged:1", "1 pedido de cadastro não confirmado limpo")]
    [TestCase("en", "Purged:0", "no unconfirmed registration request to clear")]
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

    [TestCase("pt-BR", null, 30, "a cada 30 segundos")]
    [TestCase("en", null, 1, "every second")]
    [TestCase("pt-BR", "*/15 * * * * *", null, "a cada 15 segundos")]
    [TestCase("pt-BR", "* * * * *", null, "a cada minuto")]
    [TestCase("pt-BR", "*/2 * * * *", null, "a cada 2 minutos")]
    [TestCase("en", "0 * * * *", null, "every hour")]
    [TestCase("pt-BR", "0 */6 * * *", null, "a cada 6 horas")]
    [TestCase("pt-BR", "10 * * * *", null, "a cada hora, no minuto 10")]
    [TestCase("pt-BR", "0 8 * * *", null, "todos os dias às 08:00")]
    [TestCase("en", "0 8 * * MON-FRI", null, "working days (Monday to Friday) at 08:00")]
    [TestCase("pt-BR", "0 8 * * MON-FRI", null, "nos dias úteis (segunda a sexta) às 08:00")]
    [TestCase("pt-BR", "0 7 1 * *", null, "no dia 1 de cada mês às 07:00")]
    [TestCase("en", "0 0 1 1 *", null, "every year on 01/01 at 00:00")]
    [TestCase("pt-BR", "5 4 * * SUN", null, "expressão cron 5 4 * * SUN")]
    public void A_schedule_is_said_in_words_in_the_reader_s_language(string language, string? cron, int? seconds, string expected) =>
        JobScheduleText.Describe(cron, seconds, new ResxLocalizer(language)).ShouldBe(expected);

    [TestCase("en")]
    [TestCase("pt-BR")]
    public void Every_job_and_every_message_type_has_a_name_for_people(string language)
    {
        var t = new ResxLocalizer(language);
        Scheduling.Jobs.Select(j => j.Name).Append(OutboxDispatcherService.Name).Where(n => t["Outbox.JobName." + n].ResourceNotFound).ShouldBeEmpty();
        Core.Notifications.EmailMessages.All.Select(m => m.Name).Where(n => t["Outbox.MessageType." + n].ResourceNotFound).ShouldBeEmpty();
        // Every default schedule reads as words, not as a cron.
        Scheduling.Jobs.Select(j => JobScheduleText.Describe(new JobSchedule().CronFor(j), null, t)).Where(d => d.Contains("cron", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Test]
    public void Every_job_returns_the_neutral_result_the_page_translates()
    {
        // "3 queued" would reach the Portuguese page in English: a job says what it did through JobResult.
        // The recurring jobs; ImportJob is enqueued once per import and its outcome is the import run's own page.
        var jobs = SourceTree.Files(SourceTree.Path("src", "TrainingHub.Web"), "*Job.cs").Where(f => Path.GetFileName(f) != "ImportJob.cs").ToList();
        jobs.Count.ShouldBe(Scheduling.Jobs.Count);
        jobs.Where(f => !File.ReadAllText(f).Contains("JobResult.", StringComparison.Ordinal)).Select(Path.GetFileName).ShouldBeEmpty();
    }

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
