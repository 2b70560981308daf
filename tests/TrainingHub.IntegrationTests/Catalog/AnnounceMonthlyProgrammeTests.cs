using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Catalog;

public sealed class AnnounceMonthlyProgrammeTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task Announcing_a_month_queues_one_message_per_eligible_or_enrolled_person_and_announcing_again_queues_none()
    {
        var cityHall = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == TrainingHub.Core.Organizations.OrganizationKind.CityHall).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var start = App.Clock.GetUtcNow().UtcDateTime.Date.AddDays(40).AddHours(13);
        var local = TrainingHub.Core.Common.SaoPaulo.ToLocal(start);
        var seriesId = await App.WithDbAsync(async db =>
        {
            var series = new WebinarSeries
            {
                Code = "W-" + Guid.NewGuid().ToString("N")[..10],
                Title = "Websérie de teste",
                Status = OfferingStatus.Published,
                StartsOn = DateOnly.FromDateTime(local),
                EndsOn = DateOnly.FromDateTime(local).AddDays(1),
                Eligibility = Eligibility.Organizations,
                CreatedAt = App.Clock.GetUtcNow().UtcDateTime,
            };
            series.EligibilityRules.Add(new EligibilityRule { OrganizationId = cityHall });
            series.Sessions.Add(new Session { Title = "Encontro do mês", StartsAt = start, EndsAt = start.AddHours(2), CreditedMinutes = 120, StreamUrl = "https://video.example.gov.br/ao-vivo" });
            db.WebinarSeries.Add(series);
            await db.SaveChangesAsync();
            return series.Id;
        });
        var eligible = await App.WithDbAsync(db => db.People.CountAsync(p => p.OrganizationId == cityHall));
        // Someone from elsewhere enrolled by an administrator before the rules narrowed: enrolled people are told too.
        var outsider = (await Arrange.PeopleAsync(App, 1))[0];
        await App.WithDbAsync(async db =>
        {
            db.Enrolments.Add(new TrainingHub.Core.Enrolment.Enrolment { OfferingId = seriesId, PersonId = outsider, Status = EnrolmentStatus.Confirmed, RequestedAt = App.Clock.GetUtcNow().UtcDateTime, Version = 1 });
            await db.SaveChangesAsync();
            return true;
        });

        using var api = await App.ApiClientAsync(TestApp.AdminEmail);

        var first = await api.PostAsJsonAsync($"/api/v1/webinar-series/{seriesId}/announce", new { year = local.Year, month = local.Month });
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var doc = JsonDocument.Parse(await first.Content.ReadAsStringAsync()))
        {
            doc.RootElement.GetProperty("queued").GetInt32().ShouldBe(eligible + 1);
            doc.RootElement.GetProperty("sessions").GetInt32().ShouldBe(1);
        }

        var again = await api.PostAsJsonAsync($"/api/v1/webinar-series/{seriesId}/announce", new { year = local.Year, month = local.Month });
        using (var doc = JsonDocument.Parse(await again.Content.ReadAsStringAsync()))
        {
            doc.RootElement.GetProperty("queued").GetInt32().ShouldBe(0);
            doc.RootElement.GetProperty("alreadyAnnounced").GetInt32().ShouldBe(eligible + 1);
        }

        var empty = await api.PostAsJsonAsync($"/api/v1/webinar-series/{seriesId}/announce?culture=en", new { year = local.Year, month = local.AddMonths(3).Month });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("no sessions in that month");
        (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.MessageType == nameof(SeriesMonthlyProgramme) && m.IdempotencyKey.StartsWith($"{nameof(SeriesMonthlyProgramme)}:{seriesId}:"))))
            .ShouldBe(eligible + 1);
    }
}
