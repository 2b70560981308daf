using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.Organizations;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Enrolment;

public sealed class EnrolmentRulesTests(string provider) : OnBothDatabases(provider)
{
    private async Task<(string Email, int PersonId)> TraineeAsync(int? organizationId = null, int? managerId = null)
    {
        var personId = (await Arrange.PeopleAsync(App, 1, organizationId))[0];
        if (managerId is not null)
        {
            await App.WithDbAsync(async db =>
            {
                await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ManagerId, managerId));
                return true;
            });
        }

        var email = $"trainee-{Guid.NewGuid():N}@test.traininghub.local";
        await using var scope = App.Scope();
        var sp = scope.ServiceProvider;
        var root = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
        (await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), root, App.Clock,
            new CreateAccountRequest(email, "Trainee", "violet harbour trainee 4821", Roles.Trainee, null, personId, "pt-BR"), CancellationToken.None)).Succeeded.ShouldBeTrue();
        return (email, personId);
    }

    private Task<HttpClient> ApiAsync(string email) => App.ApiClientAsync(email);

    private static async Task<string> ProblemAsync(HttpResponseMessage r)
    {
        r.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("errors").EnumerateObject().First().Value[0].GetString()!;
    }

    [Test]
    public async Task A_trainee_finds_enrols_sees_the_status_and_cancels_through_the_pages_and_a_double_click_changes_nothing()
    {
        var (email, personId) = await TraineeAsync();
        var offeringId = await Arrange.ClassAsync(App, seats: 5);
        using var browser = NewBrowser();
        await browser.SignInAsync(email, "violet harbour trainee 4821");
        var (_, catalogue) = await browser.GetPageAsync("/catalogue?search=" + Uri.EscapeDataString(await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == offeringId).Select(o => o.Code).SingleAsync())));
        catalogue.QuerySelectorAll($"a[href='/catalogue/{offeringId}']").Length.ShouldBe(1);

        (await browser.SubmitAsync($"/catalogue/{offeringId}", $"/catalogue/{offeringId}/enrol", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await browser.GetPageAsync($"/catalogue/{offeringId}");
        page.QuerySelector("[data-testid=my-status]")!.TextContent.ShouldContain("Confirmada");
        page.QuerySelector("[data-testid=seats-left]")!.TextContent.ShouldContain("4 de 5");

        // A second submission of the same enrolment (double click) is harmless.
        using var api = await ApiAsync(email);
        var again = await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId });
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyEnrolled").GetBoolean().ShouldBeTrue();
        (await App.WithDbAsync(db => db.Enrolments.CountAsync(e => e.OfferingId == offeringId))).ShouldBe(1);
        (await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == offeringId).Select(o => o.ConfirmedCount).SingleAsync())).ShouldBe(1);

        var (_, mine) = await browser.GetPageAsync("/enrolments/mine");
        var enrolmentId = await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == offeringId && e.PersonId == personId).Select(e => e.Id).SingleAsync());
        mine.QuerySelector($"form[action='/enrolments/{enrolmentId}/cancel']").ShouldNotBeNull();
        (await browser.SubmitAsync("/enrolments/mine", $"/enrolments/{enrolmentId}/cancel", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Enrolments.Where(e => e.Id == enrolmentId).Select(e => e.Status).SingleAsync())).ShouldBe(EnrolmentStatus.Cancelled);
        (await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == offeringId).Select(o => o.ConfirmedCount).SingleAsync())).ShouldBe(0);

        var trail = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Enrolment" && a.EntityId == enrolmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(a => a.Id).ToListAsync());
        trail.Select(a => a.Action).ShouldBe(["Added", "Modified"]);
        trail[1].BeforeJson!.ShouldContain("\"Status\":\"Confirmed\"");
        trail[1].AfterJson!.ShouldContain("\"Status\":\"Cancelled\"");
        trail[1].ActorName.ShouldBe(email);
        var messages = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientPersonId == personId).Select(m => m.MessageType).ToListAsync());
        messages.ShouldBe(["EnrolmentConfirmed", "EnrolmentCancelled"], ignoreOrder: true);
    }

    [Test]
    public async Task Ineligible_closed_and_unpublished_offerings_are_refused_with_the_reason_and_hidden_from_the_catalogue()
    {
        var cityHall = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == OrganizationKind.CityHall).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var (email, _) = await TraineeAsync();
        using var api = await ApiAsync(email);
        var onlyCityHalls = await Arrange.ClassAsync(App, 10, o =>
        {
            o.Eligibility = Eligibility.OrganizationKinds;
            o.EligibilityRules.Add(new EligibilityRule { OrganizationKind = OrganizationKind.CityHall });
        });
        var onlyOneCityHall = await Arrange.ClassAsync(App, 10, o =>
        {
            o.Eligibility = Eligibility.Organizations;
            o.EligibilityRules.Add(new EligibilityRule { OrganizationId = cityHall });
        });
        var closed = await Arrange.ClassAsync(App, 10, o => o.EnrolmentClosesAt = App.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
        var draft = await Arrange.ClassAsync(App, 10, o => o.Status = OfferingStatus.Draft);

        (await ProblemAsync(await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId = onlyCityHalls }))).ShouldContain("outros tipos de órgão");
        (await ProblemAsync(await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId = onlyOneCityHall }))).ShouldContain("restrita aos órgãos listados");
        (await ProblemAsync(await api.PostAsJsonAsync("/api/v1/enrolments?culture=en", new { offeringId = closed }))).ShouldContain("Enrolment has closed");
        (await ProblemAsync(await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId = draft }))).ShouldContain("não está aberta");

        using var browser = NewBrowser();
        await browser.SignInAsync(email, "violet harbour trainee 4821");
        var (_, catalogue) = await browser.GetPageAsync("/catalogue?search=T-");
        foreach (var hidden in new[] { onlyCityHalls, onlyOneCityHall, draft })
        {
            catalogue.QuerySelector($"a[href='/catalogue/{hidden}']").ShouldBeNull();
            (await browser.GetPageAsync($"/catalogue/{hidden}")).Status.ShouldBe(HttpStatusCode.NotFound);
        }

        var (cityEmail, _) = await TraineeAsync(cityHall);
        using var cityApi = await ApiAsync(cityEmail);
        (await cityApi.PostAsJsonAsync("/api/v1/enrolments", new { offeringId = onlyCityHalls })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cityApi.PostAsJsonAsync("/api/v1/enrolments", new { offeringId = onlyOneCityHall })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task The_manager_approves_one_request_and_rejects_another_with_a_reason_the_person_is_told()
    {
        var (managerEmail, managerId) = await TraineeAsync();
        var (_, first) = await TraineeAsync(managerId: managerId);
        var (_, second) = await TraineeAsync(managerId: managerId);
        var offeringId = await Arrange.ClassAsync(App, 10, o => o.ApprovalRequired = true);
        using var admin = await ApiAsync(TestApp.AdminEmail);
        await using (var scope = App.Scope())
        {
            // Trainees ask for themselves; an administrator enrolling someone skips approval, so use the use case as the trainee.
            var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
            foreach (var p in new[] { first, second })
            {
                var self = new ReaderScope("u" + p, p, new HashSet<string> { Roles.Trainee }, null, null);
                (await EnrolInOffering.HandleAsync(db, self, App.Clock, new EnrolRequest(offeringId), CancellationToken.None)).Value!.Status.ShouldBe(EnrolmentStatus.AwaitingApproval);
            }
        }

        var ids = await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == offeringId).OrderBy(e => e.PersonId).Select(e => e.Id).ToListAsync());
        using var manager = await ApiAsync(managerEmail);
        (await ProblemAsync(await manager.PostAsJsonAsync($"/api/v1/enrolments/{ids[1]}/decision", new { approve = false, reason = " " }))).ShouldContain("motivo");
        (await manager.PostAsJsonAsync($"/api/v1/enrolments/{ids[0]}/decision", new { approve = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await manager.PostAsJsonAsync($"/api/v1/enrolments/{ids[1]}/decision", new { approve = false, reason = "Sobreposição com a agenda do setor." })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await App.WithDbAsync(db => db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offeringId).OrderBy(e => e.PersonId).ToListAsync());
        rows[0].Status.ShouldBe(EnrolmentStatus.Confirmed);
        rows[1].Status.ShouldBe(EnrolmentStatus.Cancelled);
        rows[1].DecisionReason.ShouldBe("Sobreposição com a agenda do setor.");
        var rejected = await App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientPersonId == second && m.MessageType == "EnrolmentRejected"));
        rejected.PayloadJson.ShouldContain("Sobreposi");

        // Someone who is neither the manager nor an administrator in scope cannot decide: to them it does not exist.
        var (strangerEmail, _) = await TraineeAsync();
        using var stranger = await ApiAsync(strangerEmail);
        (await stranger.PostAsJsonAsync($"/api/v1/enrolments/{ids[0]}/decision", new { approve = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_manager_sees_what_waits_for_them_on_the_home_page_and_decides_on_the_approvals_page()
    {
        var (managerEmail, managerId) = await TraineeAsync();
        var (_, report) = await TraineeAsync(managerId: managerId);
        var offeringId = await Arrange.ClassAsync(App, 10, o => o.ApprovalRequired = true);
        await using (var scope = App.Scope())
        {
            var self = new ReaderScope("u" + report, report, new HashSet<string> { Roles.Trainee }, null, null);
            await EnrolInOffering.HandleAsync(scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>(), self, App.Clock, new EnrolRequest(offeringId), CancellationToken.None);
        }

        using var browser = NewBrowser();
        await browser.SignInAsync(managerEmail, "violet harbour trainee 4821");
        var (_, home) = await browser.GetPageAsync("/");
        home.QuerySelector("[data-testid=pending-approvals]")!.TextContent.ShouldContain("1 pedido de inscrição aguarda sua aprovação");
        var (_, page) = await browser.GetPageAsync("/enrolments/approvals");
        page.QuerySelectorAll("[data-testid=approvals] tbody tr").Length.ShouldBe(1);
        var id = await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == offeringId && e.PersonId == report).Select(e => e.Id).SingleAsync());
        (await browser.SubmitAsync("/enrolments/approvals", $"/enrolments/{id}/decide", new Dictionary<string, string?> { ["approve"] = "true" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.Enrolments.Where(e => e.Id == id).Select(e => e.Status).SingleAsync())).ShouldBe(EnrolmentStatus.Confirmed);
        (await browser.GetPageAsync("/enrolments/approvals")).Html.QuerySelector("[data-testid=no-approvals]").ShouldNotBeNull();
    }

    [Test]
    public async Task An_organisation_quota_sends_its_extra_people_to_the_waitlist_while_others_still_get_seats()
    {
        var orgs = await App.WithDbAsync(db => db.Organizations.Where(o => o.Kind == OrganizationKind.CityHall).OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync());
        var offeringId = await Arrange.ClassAsync(App, 10, o =>
        {
            o.Eligibility = Eligibility.Organizations;
            o.EligibilityRules.Add(new EligibilityRule { OrganizationId = orgs[0], SeatQuota = 2 });
            o.EligibilityRules.Add(new EligibilityRule { OrganizationId = orgs[1] });
        });
        var quoted = await Arrange.PeopleAsync(App, 3, orgs[0]);
        var free = await Arrange.PeopleAsync(App, 2, orgs[1]);
        using var admin = await ApiAsync(TestApp.AdminEmail);
        foreach (var p in quoted.Concat(free))
        {
            (await admin.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId = p })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var rows = await App.WithDbAsync(db => db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offeringId).ToListAsync());
        rows.Where(r => quoted.Contains(r.PersonId)).Count(r => r.Status == EnrolmentStatus.Confirmed).ShouldBe(2);
        rows.Single(r => r.PersonId == quoted[2]).Status.ShouldBe(EnrolmentStatus.Waitlisted);
        rows.Where(r => free.Contains(r.PersonId)).ShouldAllBe(r => r.Status == EnrolmentStatus.Confirmed);
    }

    [Test]
    public async Task In_offer_mode_a_freed_seat_is_held_for_the_next_person_and_passes_on_when_the_offer_expires()
    {
        var offeringId = await Arrange.ClassAsync(App, seats: 1);
        var people = await Arrange.PeopleAsync(App, 3);
        var offers = Options.Create(new EnrolmentOptions { PromotionMode = PromotionMode.Offer, OfferHours = 48 });
        var admin = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var ids = new List<int>();
        foreach (var p in people)
        {
            ids.Add((await EnrolInOffering.HandleAsync(db, admin, App.Clock, new EnrolRequest(offeringId, p), CancellationToken.None)).Value!.EnrolmentId);
        }

        (await CancelEnrolment.HandleAsync(db, admin, App.Clock, offers, ids[0], CancellationToken.None)).Succeeded.ShouldBeTrue();
        db.ChangeTracker.Clear();
        var offered = await db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == ids[1]);
        offered.Status.ShouldBe(EnrolmentStatus.Waitlisted);
        offered.OfferExpiresAt.ShouldNotBeNull();
        (await db.Offerings.Where(o => o.Id == offeringId).Select(o => o.ConfirmedCount).SingleAsync()).ShouldBe(1, "the offered seat is held");

        App.Clock.Advance(TimeSpan.FromHours(47));
        (await ExpireSeatOffers.HandleAsync(db, App.Clock, offers, CancellationToken.None)).ShouldBe(0);
        App.Clock.Advance(TimeSpan.FromHours(2));
        (await ExpireSeatOffers.HandleAsync(db, App.Clock, offers, CancellationToken.None)).ShouldBe(1);
        (await ExpireSeatOffers.HandleAsync(db, App.Clock, offers, CancellationToken.None)).ShouldBe(0, "running again changes nothing");
        db.ChangeTracker.Clear();
        (await db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == ids[1])).Status.ShouldBe(EnrolmentStatus.Cancelled);
        var next = await db.Enrolments.AsNoTracking().SingleAsync(e => e.Id == ids[2]);
        next.OfferExpiresAt.ShouldNotBeNull("the seat passed on to the next person");
        var thirdPerson = new ReaderScope("p", people[2], new HashSet<string> { Roles.Trainee }, null, null);
        (await AcceptSeatOffer.HandleAsync(db, thirdPerson, App.Clock, ids[2], CancellationToken.None)).Value.ShouldBe(EnrolmentStatus.Confirmed);
        (await db.Offerings.Where(o => o.Id == offeringId).Select(o => o.ConfirmedCount).SingleAsync()).ShouldBe(1);
        var types = await db.OutboxMessages.Where(m => people.Contains(m.RecipientPersonId!.Value)).Select(m => m.MessageType).ToListAsync();
        types.Count(t => t == "SeatOffered").ShouldBe(2);
        types.Count(t => t == "SeatOfferExpired").ShouldBe(1);
        types.Count(t => t == "SeatOfferExpiring").ShouldBe(1, "one reminder, the hour before the first offer lapsed, despite three runs");
    }
}
