using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Catalog.Messages;
using TrainingHub.Core.Common;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Catalog;

public sealed class SessionsAndCopiesTests(string provider) : CatalogFixture(provider)
{
    [Test]
    public async Task Copying_a_class_shifts_every_session_and_copies_instructors_and_eligibility_but_not_enrolments()
    {
        using var api = await AdminApiAsync();
        var (_, _, klass) = await NewClassAsync(api);
        var instructor = await App.WithDbAsync(db => db.People.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var kind = OrganizationKind.CityHall;
        var code = await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == klass).Select(o => o.Code).SingleAsync());
        var courseId = await App.WithDbAsync(db => db.Classes.Where(o => o.Id == klass).Select(o => o.CourseId).SingleAsync());
        (await api.PutAsJsonAsync($"/api/v1/classes/{klass}", new
        {
            courseId,
            code,
            title = "Turma de teste",
            startsOn = "2026-03-02",
            endsOn = "2026-03-31",
            seats = 30,
            status = "Published",
            instructorIds = new[] { instructor },
            eligibility = "OrganizationKinds",
            organizationKinds = new[] { kind.ToString() },
            enrolmentOpensAt = "2026-02-01T09:00",
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await CreatedIdAsync(await api.PostAsJsonAsync($"/api/v1/offerings/{klass}/sessions", new { title = "Aula 1", startsAt = "2026-03-02T14:00", endsAt = "2026-03-02T18:00" }))).ShouldBePositive();
        (await CreatedIdAsync(await api.PostAsJsonAsync($"/api/v1/offerings/{klass}/sessions", new { title = "Aula 2", startsAt = "2026-03-09T14:00", endsAt = "2026-03-09T18:00", creditedHours = "3,5" }))).ShouldBePositive();
        await EnrolAsync(klass, EnrolmentStatus.Confirmed);

        var newCode = NewCode("COPY");
        var copy = await CreatedIdAsync(await api.PostAsJsonAsync($"/api/v1/offerings/{klass}/copy", new { code = newCode, startsOn = "2026-08-03" }));

        var (source, copied) = await App.WithDbAsync(async db => (
            await db.Classes.AsNoTracking().Include(c => c.Sessions).SingleAsync(c => c.Id == klass),
            await db.Classes.AsNoTracking().Include(c => c.Sessions).Include(c => c.Instructors).Include(c => c.EligibilityRules).SingleAsync(c => c.Id == copy)));
        copied.Code.ShouldBe(newCode);
        copied.CourseId.ShouldBe(source.CourseId);
        copied.StartsOn.ShouldBe(new DateOnly(2026, 8, 3));
        copied.EndsOn.ShouldBe(new DateOnly(2026, 9, 1), "the end moves by the same 154 days");
        copied.Status.ShouldBe(OfferingStatus.Draft);
        copied.ConfirmedCount.ShouldBe(0);
        copied.Instructors.Select(i => i.PersonId).ShouldBe([instructor]);
        copied.EligibilityRules.Select(r => r.OrganizationKind).ShouldBe([kind]);
        copied.EnrolmentOpensAt.ShouldBe(new DateTime(2026, 7, 5, 12, 0, 0, DateTimeKind.Utc), "01/02 09:00 + 154 days, São Paulo time");
        var sessions = copied.Sessions.OrderBy(s => s.StartsAt).ToList();
        sessions.Select(s => s.StartsAt).ShouldBe([new DateTime(2026, 8, 3, 17, 0, 0), new DateTime(2026, 8, 10, 17, 0, 0)]);
        sessions.Select(s => s.CreditedMinutes).ShouldBe([240, 210]);
        sessions.Select(s => s.Title).ShouldBe(["Aula 1", "Aula 2"]);
        (await App.WithDbAsync(db => db.Enrolments.CountAsync(e => e.OfferingId == copy))).ShouldBe(0);
    }

    [Test]
    public async Task A_monthly_series_gets_one_session_a_month_on_the_second_tuesday_at_19h_Sao_Paulo_and_twice_creates_nothing_more()
    {
        using var api = await AdminApiAsync();
        var owner = await AnyOrganizationAsync(OrganizationKind.StateAgency);
        var programme = await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/programmes", new { code = NewCode("PW"), name = "Websérie municipal", ownerOrganizationId = owner }));
        var series = await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/webinar-series", new
        {
            programmeId = programme,
            code = NewCode("WS"),
            title = "Gestão Municipal em Foco",
            channelUrl = "https://www.youtube.com/@gestaomunicipal",
            startsOn = "2026-03-01",
            endsOn = "2026-03-31",
            eligibility = "OrganizationKinds",
            organizationKinds = new[] { "CityHall", "MunicipalChamber" },
            status = "Published",
        }));
        // Four months run past the series' March: asked first, nothing created, the needed period named.
        var asking = await api.PostAsJsonAsync($"/api/v1/webinar-series/{series}/monthly-sessions?culture=en",
            new { firstDate = "2026-03-10", startTime = "19:00", durationHours = "2", creditedHours = "1,5", rule = "SameWeekday", months = 4 });
        asking.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await asking.Content.ReadAsStringAsync()).ShouldContain("these sessions run from 10/03/2026 to 09/06/2026, beyond the series' period (01/03/2026 to 31/03/2026)");
        (await App.WithDbAsync(db => db.Sessions.CountAsync(s => s.OfferingId == series))).ShouldBe(0);

        var request = new { firstDate = "2026-03-10", startTime = "19:00", durationHours = "2", creditedHours = "1,5", rule = "SameWeekday", months = 4, extendPeriod = true };
        var response = await api.PostAsJsonAsync($"/api/v1/webinar-series/{series}/monthly-sessions", request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using (var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            body.RootElement.GetProperty("created").GetInt32().ShouldBe(4);
            body.RootElement.GetProperty("periodChanged").GetBoolean().ShouldBeTrue();
            body.RootElement.GetProperty("endsOn").GetString().ShouldBe("2026-06-09");
        }

        var sessions = await App.WithDbAsync(db => db.Sessions.AsNoTracking().Where(s => s.OfferingId == series).OrderBy(s => s.StartsAt).ToListAsync());
        sessions.Select(s => DateOnly.FromDateTime(SaoPaulo.ToLocal(s.StartsAt))).ShouldBe(
            [new DateOnly(2026, 3, 10), new DateOnly(2026, 4, 14), new DateOnly(2026, 5, 12), new DateOnly(2026, 6, 9)], "every second Tuesday");
        sessions[1].StartsAt.ShouldBe(new DateTime(2026, 4, 14, 22, 0, 0), "19:00 in São Paulo (UTC−3, no daylight saving) is 22:00 UTC");
        sessions.ShouldAllBe(s => s.EndsAt == s.StartsAt.AddHours(2) && s.CreditedMinutes == 90 && s.StreamUrl == "https://www.youtube.com/@gestaomunicipal");
        (await App.WithDbAsync(db => db.WebinarSeries.Where(w => w.Id == series).Select(w => w.EndsOn).SingleAsync())).ShouldBe(new DateOnly(2026, 6, 9), "the series stretches to cover its sessions");

        var again = await api.PostAsJsonAsync($"/api/v1/webinar-series/{series}/monthly-sessions", request);
        (await again.Content.ReadAsStringAsync()).ShouldContain("\"created\":0,\"startsOn\":\"2026-03-01\",\"endsOn\":\"2026-06-09\",\"periodChanged\":false");
        (await App.WithDbAsync(db => db.Sessions.CountAsync(s => s.OfferingId == series))).ShouldBe(4);

        var reschedule = await api.PostAsJsonAsync($"/api/v1/sessions/{sessions[2].Id}/reschedule", new { startsAt = "2026-05-19T19:00", endsAt = "2026-05-19T21:00" });
        reschedule.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == sessions[2].Id).Select(s => s.StartsAt).SingleAsync())).ShouldBe(new DateTime(2026, 5, 19, 22, 0, 0));

        var bad = await api.PostAsJsonAsync($"/api/v1/webinar-series/{series}/monthly-sessions", new { firstDate = "2026-07-14", startTime = "25h", durationHours = "x", months = 0 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync();
        problem.ShouldContain("\"StartTime\"");
        problem.ShouldContain("\"DurationHours\"");
        problem.ShouldContain("\"Months\"");
        (await App.WithDbAsync(db => db.Sessions.CountAsync(s => s.OfferingId == series))).ShouldBe(4);
    }

    [Test]
    public async Task Cancelling_a_session_queues_one_message_per_enrolled_person_even_when_posted_twice()
    {
        using var api = await AdminApiAsync();
        var (_, _, klass) = await NewClassAsync(api);
        var session = await CreatedIdAsync(await api.PostAsJsonAsync($"/api/v1/offerings/{klass}/sessions", new { title = "Aula inaugural", startsAt = "2026-03-02T14:00", endsAt = "2026-03-02T18:00", place = "Auditório" }));
        var confirmed = await EnrolAsync(klass, EnrolmentStatus.Confirmed, language: "en");
        var waitlisted = await EnrolAsync(klass, EnrolmentStatus.Waitlisted, waitlistPosition: 1);
        var awaiting = await EnrolAsync(klass, EnrolmentStatus.AwaitingApproval);
        var cancelled = await EnrolAsync(klass, EnrolmentStatus.Cancelled);

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        (await browser.SubmitAsync($"/offerings/{klass}", $"/sessions/{session}/cancel", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var second = await api.PostAsync(new Uri($"/api/v1/sessions/{session}/cancel", UriKind.Relative), null);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).ShouldContain("\"queued\":0");

        var messages = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith($"session-cancelled:{session}:")).ToListAsync());
        messages.Select(m => m.RecipientPersonId).OrderBy(id => id).ShouldBe(new int?[] { confirmed.Id, waitlisted.Id, awaiting.Id }.OrderBy(id => id));
        messages.ShouldNotContain(m => m.RecipientPersonId == cancelled.Id);
        messages.ShouldAllBe(m => m.MessageType == nameof(SessionCancelled) && m.Essential && m.Status == OutboxStatus.Pending);
        var mine = messages.Single(m => m.RecipientPersonId == confirmed.Id);
        mine.IdempotencyKey.ShouldBe($"session-cancelled:{session}:{confirmed.Id}");
        mine.ToAddress.ShouldBe(confirmed.Email);
        mine.Language.ShouldBe("en");
        using var payload = JsonDocument.Parse(mine.PayloadJson);
        payload.RootElement.GetProperty("session").GetString().ShouldBe("Aula inaugural");
        payload.RootElement.GetProperty("place").GetString().ShouldBe("Auditório");
        payload.RootElement.GetProperty("startsAt").GetString()!.ShouldStartWith("2026-03-02T17:00:00");
        (await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == session).Select(s => s.Status).SingleAsync())).ShouldBe(SessionStatus.Cancelled);

        var (_, page) = await browser.GetPageAsync($"/offerings/{klass}");
        page.QuerySelector("[data-testid=sessions]")!.TextContent.ShouldContain("Cancelado");
    }

    [Test]
    public async Task Cancelling_a_class_queues_one_offering_message_per_enrolled_person_once()
    {
        using var api = await AdminApiAsync();
        var (_, _, klass) = await NewClassAsync(api);
        var person = await EnrolAsync(klass, EnrolmentStatus.Confirmed);
        (await api.PostAsync(new Uri($"/api/v1/offerings/{klass}/cancel", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.PostAsync(new Uri($"/api/v1/offerings/{klass}/cancel", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var messages = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith($"offering-cancelled:{klass}:")).ToListAsync());
        messages.Count.ShouldBe(1);
        messages[0].RecipientPersonId.ShouldBe(person.Id);
        messages[0].MessageType.ShouldBe(nameof(OfferingCancelled));
        (await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == klass).Select(o => o.Status).SingleAsync())).ShouldBe(OfferingStatus.Cancelled);
    }

    [Test]
    public async Task An_api_update_that_leaves_out_registration_by_date_keeps_it()
    {
        using var api = await AdminApiAsync();
        var owner = await AnyOrganizationAsync(OrganizationKind.StateAgency);
        var programme = await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/programmes", new { code = NewCode("PR"), name = "Apresentações por data", ownerOrganizationId = owner }));
        var code = NewCode("WR");
        var series = await CreatedIdAsync(await api.PostAsJsonAsync("/api/v1/webinar-series", new
        {
            programmeId = programme,
            code,
            title = "Apresentações do SEI",
            startsOn = "2026-03-01",
            endsOn = "2026-06-30",
            eligibility = "Everyone",
            status = "Published",
            registrationByDate = true,
        }));
        var update = await api.PutAsJsonAsync($"/api/v1/webinar-series/{series}", new
        {
            programmeId = programme,
            code,
            title = "Apresentações do SEI 2026",
            startsOn = "2026-03-01",
            endsOn = "2026-06-30",
            eligibility = "Everyone",
            status = "Published",
        });
        update.IsSuccessStatusCode.ShouldBeTrue(await update.Content.ReadAsStringAsync());
        (await App.WithDbAsync(db => db.WebinarSeries.Where(w => w.Id == series).Select(w => new { w.Title, w.RegistrationByDate }).SingleAsync()))
            .ShouldBe(new { Title = "Apresentações do SEI 2026", RegistrationByDate = true });

        var off = await api.PutAsJsonAsync($"/api/v1/webinar-series/{series}", new
        {
            programmeId = programme,
            code,
            title = "Apresentações do SEI 2026",
            startsOn = "2026-03-01",
            endsOn = "2026-06-30",
            eligibility = "Everyone",
            status = "Published",
            registrationByDate = false,
        });
        off.IsSuccessStatusCode.ShouldBeTrue(await off.Content.ReadAsStringAsync());
        (await App.WithDbAsync(db => db.WebinarSeries.Where(w => w.Id == series).Select(w => w.RegistrationByDate).SingleAsync())).ShouldBeFalse("said false, it turns off");
    }
}
