using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Enrolment;

/// <summary>No overselling, ever: 200 simultaneous requests for 50 seats, then cancellations racing new enrolments.</summary>
public sealed class SeatsUnderLoadTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task Two_hundred_simultaneous_requests_for_fifty_seats_confirm_exactly_fifty_and_queue_the_rest_in_arrival_order()
    {
        var offeringId = await Arrange.ClassAsync(App, seats: 50);
        var people = await Arrange.PeopleAsync(App, 200);
        using var api = await AdminApiAsync();

        var responses = await Task.WhenAll(people.Select(p => api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId = p })));
        responses.Where(r => r.StatusCode != HttpStatusCode.OK).Select(r => r.StatusCode).ShouldBeEmpty("every request is answered without error");

        var rows = await EnrolmentsAsync(offeringId);
        rows.Count.ShouldBe(200, "no duplicates");
        var confirmed = rows.Where(r => r.Status == EnrolmentStatus.Confirmed).ToList();
        var waitlisted = rows.Where(r => r.Status == EnrolmentStatus.Waitlisted).OrderBy(r => r.WaitlistPosition).ToList();
        confirmed.Count.ShouldBe(50);
        waitlisted.Count.ShouldBe(150);
        waitlisted.Select(r => r.WaitlistPosition!.Value).ShouldBe(Enumerable.Range(1, 150));
        waitlisted.Select(r => r.RequestedAt).ShouldBeInOrder(SortDirection.Ascending, "positions follow arrival");
        waitlisted[0].RequestedAt.ShouldBeGreaterThanOrEqualTo(confirmed.Max(r => r.RequestedAt), "seats went to the first to arrive");
        (await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == offeringId).Select(o => o.ConfirmedCount).SingleAsync())).ShouldBe(50);
        var messages = await App.WithDbAsync(db => db.OutboxMessages.Where(m => people.Contains(m.RecipientPersonId!.Value)).Select(m => m.MessageType).ToListAsync());
        messages.Count(m => m == "EnrolmentConfirmed").ShouldBe(50);
        messages.Count(m => m == "EnrolmentWaitlisted").ShouldBe(150);

        // Ten cancellations race ten new enrolments: seats stay at fifty, the waitlist moves up in order.
        var leaving = confirmed.Take(10).Select(r => r.Id).ToList();
        var newcomers = await Arrange.PeopleAsync(App, 10);
        var race = leaving.Select(id => api.PostAsync(new Uri($"/api/v1/enrolments/{id}/cancel", UriKind.Relative), null))
            .Concat(newcomers.Select(p => api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId = p })));
        (await Task.WhenAll(race)).Where(r => r.StatusCode != HttpStatusCode.OK).ShouldBeEmpty();

        var after = await EnrolmentsAsync(offeringId);
        after.Count(r => r.Status == EnrolmentStatus.Confirmed).ShouldBe(50);
        (await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == offeringId).Select(o => o.ConfirmedCount).SingleAsync())).ShouldBe(50);
        var promoted = waitlisted.Take(10).Select(r => r.Id).ToHashSet();
        after.Where(r => promoted.Contains(r.Id)).ShouldAllBe(r => r.Status == EnrolmentStatus.Confirmed, "the first ten on the waitlist got the freed seats");
        after.Where(r => waitlisted.Skip(10).Select(w => w.Id).Contains(r.Id)).ShouldAllBe(r => r.Status == EnrolmentStatus.Waitlisted);
        var late = after.Where(r => newcomers.Contains(r.PersonId)).ToList();
        late.ShouldAllBe(r => r.Status == EnrolmentStatus.Waitlisted && r.WaitlistPosition > 150, "newcomers queue behind everyone already waiting");
        after.Where(r => leaving.Contains(r.Id)).ShouldAllBe(r => r.Status == EnrolmentStatus.Cancelled);
    }

    [Test]
    public async Task The_database_refuses_a_fifty_first_confirmed_seat_even_if_the_code_were_wrong()
    {
        var offeringId = await Arrange.ClassAsync(App, seats: 1);
        var people = await Arrange.PeopleAsync(App, 1);
        using var api = await AdminApiAsync();
        (await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId = people[0] })).EnsureSuccessStatusCode();
        await App.WithDbAsync(async db =>
        {
            await Should.ThrowAsync<DbUpdateException>(async () =>
            {
                var o = await db.Offerings.SingleAsync(x => x.Id == offeringId);
                o.ConfirmedCount++;
                await db.SaveChangesAsync();
            });
            return true;
        });
    }

    [Test]
    public async Task Reducing_seats_below_the_confirmed_count_is_a_field_error_naming_that_count_on_the_api_and_the_form()
    {
        var offeringId = await Arrange.ClassAsync(App, seats: 5);
        var people = await Arrange.PeopleAsync(App, 3);
        using var api = await AdminApiAsync();
        foreach (var p in people)
        {
            (await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId = p })).EnsureSuccessStatusCode();
        }

        var o = await App.WithDbAsync(db => db.Classes.AsNoTracking().SingleAsync(c => c.Id == offeringId));
        object Body(int seats) => new { courseId = o.CourseId, code = o.Code, title = o.Title, startsOn = o.StartsOn, endsOn = o.EndsOn, seats, status = "Published" };
        var refused = await api.PutAsJsonAsync($"/api/v1/classes/{offeringId}", Body(2));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        problem.GetProperty("errors").GetProperty("Seats")[0].GetString()!.ShouldContain("3");
        (await App.WithDbAsync(db => db.Offerings.Where(x => x.Id == offeringId).Select(x => x.Seats).SingleAsync())).ShouldBe(5);
        (await api.PutAsJsonAsync($"/api/v1/classes/{offeringId}", Body(3))).StatusCode.ShouldBe(HttpStatusCode.NoContent, "as many seats as confirmed people is fine");

        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
        var (_, page) = await browser.GetPageAsync($"/offerings/{offeringId}/edit");
        var form = page.Forms.Single(f => f.GetAttribute("action") == $"/offerings/{offeringId}/edit-class");
        var fields = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && (i.Type is not ("checkbox" or "radio") || i.IsChecked))
            .GroupBy(i => i.Name!).ToDictionary(g => g.Key, g => (string?)g.First().Value);
        foreach (var select in form.Elements.OfType<AngleSharp.Html.Dom.IHtmlSelectElement>().Where(x => !string.IsNullOrEmpty(x.Name) && !x.IsMultiple))
        {
            fields[select.Name!] = select.Value;
        }

        fields["Form.Seats"] = "1";
        var answer = await browser.PostAsync($"/offerings/{offeringId}/edit-class", fields);
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the form again, with the message on the field (not a 500)");
        var html = Browser.Parse(await answer.Content.ReadAsStringAsync());
        html.QuerySelector("[data-valmsg-for='Form.Seats']").ShouldNotBeNull().TextContent.ShouldContain("3");
        (await App.WithDbAsync(db => db.Offerings.Where(x => x.Id == offeringId).Select(x => x.Seats).SingleAsync())).ShouldBe(3);
    }

    [Test]
    public async Task An_enrolment_that_waits_too_long_for_the_offerings_lock_is_answered_busy_and_writes_nothing()
    {
        if (ProviderName != "Postgres")
        {
            Assert.Ignore("Row locks held by another connection: PostgreSQL (SQLite has one writer and its own busy timeout).");
        }

        var offeringId = await Arrange.ClassAsync(App, seats: 10);
        var person = (await Arrange.PeopleAsync(App, 1))[0];
        using var api = await AdminApiAsync();

        // Another transaction holds the offering's row lock on purpose, as a long burst would.
        await using (var holder = new Npgsql.NpgsqlConnection(App.ConnectionString))
        {
            await holder.OpenAsync();
            await using var tx = await holder.BeginTransactionAsync();
            await using (var lockIt = new Npgsql.NpgsqlCommand("SELECT 1 FROM \"Offerings\" WHERE \"Id\" = @id FOR UPDATE", holder, tx))
            {
                lockIt.Parameters.AddWithValue("id", offeringId);
                await lockIt.ExecuteScalarAsync();
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var busy = await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId = person });
            clock.Stop();
            busy.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await busy.Content.ReadAsStringAsync());
            busy.Headers.RetryAfter.ShouldNotBeNull().Delta.ShouldNotBeNull().TotalSeconds.ShouldBePositive();
            busy.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20), "a bounded wait, not the 30 s command timeout");
            (await App.WithDbAsync(db => db.Enrolments.CountAsync(e => e.OfferingId == offeringId))).ShouldBe(0, "nothing written");

            await tx.RollbackAsync();
        }

        (await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId = person })).StatusCode.ShouldBe(HttpStatusCode.OK, "trying again works once the lock is free");
        (await App.WithDbAsync(db => db.Enrolments.CountAsync(e => e.OfferingId == offeringId))).ShouldBe(1);
    }

    private async Task<List<TrainingHub.Core.Enrolment.Enrolment>> EnrolmentsAsync(int offeringId) =>
        await App.WithDbAsync(db => db.Enrolments.AsNoTracking().Where(e => e.OfferingId == offeringId).ToListAsync());

    private Task<HttpClient> AdminApiAsync() => App.ApiClientAsync(TestApp.AdminEmail);
}
