using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Notifications.Messages;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Notifications;

/// <summary>
/// The scheduled messages, driven by the use cases their jobs run: the monthly programme of a webinar series, the
/// monthly yearly-target progress digest and the managers' digest of pending approvals, in pt-BR and English, once.
/// </summary>
public sealed class DigestTests(string provider) : MailFixture(provider)
{
    [Test]
    public async Task The_monthly_programme_and_the_progress_digest_reach_programme_members_once_in_their_language()
    {
        var people = await PeopleAsync(("Márcia Gonçalves", Languages.Portuguese), ("John Smith", Languages.English));
        var (programmeId, seriesTitle) = await ProgrammeWithSeriesAsync(people);

        var first = await App.WithDbAsync(db => AnnounceMonthlyProgrammes.HandleAsync(db, App.Clock, CancellationToken.None));
        first.ShouldBeGreaterThanOrEqualTo(2);
        await App.WithDbAsync(db => AnnounceMonthlyProgrammes.HandleAsync(db, App.Clock, CancellationToken.None));
        await App.WithDbAsync(db => QueueProgressDigests.HandleAsync(db, App.Clock, "https://traininghub.test", CancellationToken.None));
        await App.WithDbAsync(db => QueueProgressDigests.HandleAsync(db, App.Clock, "https://traininghub.test", CancellationToken.None));
        (await TypesAsync(people)).ShouldBe(
            [nameof(SeriesMonthlyProgramme), nameof(SeriesMonthlyProgramme), nameof(YearlyProgressDigest), nameof(YearlyProgressDigest)], ignoreOrder: true);
        await DispatchOnlyAsync(people);

        var today = SaoPaulo.Today(App.Clock);
        var pt = await Mail.ForAsync(await EmailOfAsync(people[0]), 2);
        pt.Count.ShouldBe(2);
        var ptMonth = new DateTime(today.Year, today.Month, 1).ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("pt-BR"));
        pt.Select(Subject).ShouldContain($"{seriesTitle}: programação de {ptMonth}");
        var ptDigest = pt.Single(m => Subject(m).StartsWith("Suas horas de capacitação", StringComparison.Ordinal));
        Subject(ptDigest).ShouldBe("Suas horas de capacitação: " + ptMonth);
        var ptText = ptDigest.GetProperty("text").GetString()!;
        ptText.ShouldContain("Olá, Márcia Gonçalves.");
        ptText.ShouldContain($"Programa de metas {programmeId}: 0 h de 48 h (0 %), faltam 48 h. Com as sessões em que você tem vaga, chegaria a 0 h: inscreva-se em mais sessões antes do fim do ano.");
        ptText.ShouldContain("https://traininghub.test/hours");
        ptDigest.GetProperty("headers").GetProperty("list-unsubscribe").GetString()!.ShouldContain("/unsubscribe?p=");

        var en = await Mail.ForAsync(await EmailOfAsync(people[1]), 2);
        en.Count.ShouldBe(2);
        var enMonth = new DateTime(today.Year, today.Month, 1).ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en"));
        en.Select(Subject).ShouldContain($"{seriesTitle}: programme for {enMonth}");
        var enDigest = en.Single(m => Subject(m).StartsWith("Your training hours", StringComparison.Ordinal));
        enDigest.GetProperty("text").GetString()!.ShouldContain($"Programa de metas {programmeId}: 0h of 48h (0%), 48h to go");
        enDigest.GetProperty("html").GetString()!.ShouldContain("<html lang=\"en\">");
    }

    [Test]
    public async Task Managers_with_pending_approvals_get_one_digest_a_day_and_others_none()
    {
        var managers = await PeopleAsync(("Chefe Inês Araújo", Languages.Portuguese), ("Boss Emma Stone", Languages.English), ("Chefe Sem Pendências", Languages.Portuguese));
        var staff = await PeopleAsync(("Servidor Ítalo", Languages.Portuguese), ("Servidora Lúcia", Languages.Portuguese), ("Staff Tom", Languages.English), ("Servidor Decidido", Languages.Portuguese));
        var offeringId = await Arrange.ClassAsync(App, 10, o => o.ApprovalRequired = true);
        await App.WithDbAsync(async db =>
        {
            for (var i = 0; i < staff.Count; i++)
            {
                var manager = managers[i < 2 ? 0 : i == 2 ? 1 : 2];
                var person = staff[i];
                await db.People.Where(p => p.Id == person).ExecuteUpdateAsync(s => s.SetProperty(p => p.ManagerId, manager));
                db.Enrolments.Add(new TrainingHub.Core.Enrolment.Enrolment
                {
                    OfferingId = offeringId,
                    PersonId = person,
                    Version = 1,
                    RequestedAt = App.Clock.GetUtcNow().UtcDateTime,
                    Status = i == 3 ? EnrolmentStatus.Confirmed : EnrolmentStatus.AwaitingApproval,
                });
            }

            return await db.SaveChangesAsync();
        });

        await App.WithDbAsync(db => QueueApprovalDigests.HandleAsync(db, App.Clock, "https://traininghub.test", CancellationToken.None));
        await App.WithDbAsync(db => QueueApprovalDigests.HandleAsync(db, App.Clock, "https://traininghub.test", CancellationToken.None));
        (await TypesAsync(managers)).ShouldBe([nameof(PendingApprovalsDigest), nameof(PendingApprovalsDigest)]);
        await DispatchOnlyAsync(managers);

        var pt = (await Mail.ForAsync(await EmailOfAsync(managers[0]))).ShouldHaveSingleItem();
        Subject(pt).ShouldBe("2 inscrições aguardando sua aprovação");
        var text = pt.GetProperty("text").GetString()!;
        text.ShouldContain("Olá, Chefe Inês Araújo.");
        text.ShouldContain("2 inscrições de pessoas da sua equipe aguardam sua aprovação.");
        text.ShouldContain("Servidor Ítalo: ");
        text.ShouldContain("Servidora Lúcia: ");
        text.ShouldContain("https://traininghub.test/enrolments/approvals");
        var en = (await Mail.ForAsync(await EmailOfAsync(managers[1]))).ShouldHaveSingleItem();
        Subject(en).ShouldBe("1 enrolment awaiting your approval");
        en.GetProperty("text").GetString()!.ShouldContain("One enrolment of a person you manage is awaiting your approval.");
        (await Mail.ForAsync(await EmailOfAsync(managers[2]), 0)).ShouldBeEmpty();

        // The next day brings a new digest while approvals are still pending.
        App.Clock.Advance(TimeSpan.FromDays(1));
        await App.WithDbAsync(db => QueueApprovalDigests.HandleAsync(db, App.Clock, null, CancellationToken.None));
        (await TypesAsync(managers)).Count.ShouldBe(4);
    }

    private static string Subject(JsonElement m) => m.GetProperty("subject").GetString()!;

    private async Task<(int ProgrammeId, string SeriesTitle)> ProgrammeWithSeriesAsync(IReadOnlyList<int> members) => await App.WithDbAsync(async db =>
    {
        var owner = await db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var programme = new Programme { Code = "P-" + Guid.NewGuid().ToString("N")[..8], Name = "Programa de metas", OwnerOrganizationId = owner, TargetMinutes = 2880 };
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        programme.Name = $"Programa de metas {programme.Id}";
        foreach (var m in members)
        {
            db.ProgrammeMembers.Add(new ProgrammeMember { ProgrammeId = programme.Id, PersonId = m, JoinedAt = now });
        }

        var today = SaoPaulo.Today(App.Clock);
        var first = SaoPaulo.ToUtc(new DateTime(today.Year, today.Month, 1, 10, 0, 0));
        var series = new WebinarSeries
        {
            Code = "W-" + Guid.NewGuid().ToString("N")[..10],
            Title = "Websérie Gestão Pública " + programme.Id,
            ProgrammeId = programme.Id,
            Status = OfferingStatus.Published,
            StartsOn = new DateOnly(today.Year, today.Month, 1),
            EndsOn = new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1),
            Eligibility = Eligibility.ProgrammeMembers,
            ChannelUrl = "https://video.example.gov.br/canal",
            CreatedAt = now,
        };
        series.Sessions.Add(new Session { Title = "Abertura", StartsAt = first, EndsAt = first.AddHours(2), CreditedMinutes = 120 });
        db.WebinarSeries.Add(series);
        await db.SaveChangesAsync();
        seriesKeys = $"{nameof(SeriesMonthlyProgramme)}:{series.Id}:";
        return (programme.Id, series.Title);
    });

    private async Task<List<int>> PeopleAsync(params (string Name, string Language)[] who)
    {
        var ids = await Arrange.PeopleAsync(App, who.Length);
        for (var i = 0; i < ids.Count; i++)
        {
            var (name, language) = who[i];
            var id = ids[i];
            await App.WithDbAsync(db => db.People.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.FullName, name).SetProperty(p => p.PreferredLanguage, language)));
        }

        return ids;
    }

    /// <summary>
    /// This test's series, by the prefix of its announcements' keys. The mail fixtures share a database, so series
    /// other fixtures published this month (open to everyone) announce themselves to this test's people too: those
    /// messages are not this test's subject.
    /// </summary>
    private string seriesKeys = "";

    private Task<List<string>> TypesAsync(IReadOnlyCollection<int> people) => App.WithDbAsync(db => db.OutboxMessages
        .Where(m => m.RecipientPersonId != null && people.Contains(m.RecipientPersonId.Value))
        .Where(m => m.MessageType != nameof(SeriesMonthlyProgramme) || m.IdempotencyKey.StartsWith(seriesKeys))
        .Select(m => m.MessageType).ToListAsync());

    private Task<string> EmailOfAsync(int personId) => App.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.Email).SingleAsync());

    /// <summary>
    /// Sends this test's messages. The jobs also queued messages for the demo data's people (other series, other
    /// managers); those are cancelled first, as they are not this test's subject and would only slow it down.
    /// </summary>
    private async Task DispatchOnlyAsync(IReadOnlyCollection<int> people)
    {
        await App.WithDbAsync(db => db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && (m.RecipientPersonId == null || !people.Contains(m.RecipientPersonId.Value)
                || (m.MessageType == nameof(SeriesMonthlyProgramme) && !m.IdempotencyKey.StartsWith(seriesKeys))))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled)));
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = Mail.SmtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo — Capacitação", TimeoutSeconds = 10 };
        var settings = new DispatchSettings(BatchSize: 1000, PublicUrl: "https://traininghub.test", MessageIdDomain: "traininghub.test",
            Unsubscribe: App.Services.GetRequiredService<IUnsubscribeTokens>());
        var outcome = await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), App.Clock, settings, "it-digests", CancellationToken.None);
        outcome.DeadLettered.ShouldBe(0);
    }
}
