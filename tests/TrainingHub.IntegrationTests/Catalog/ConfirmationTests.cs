using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Catalog;

/// <summary>
/// Cancelling a class, a session or an enrolment and closing a session never happen in one click: each button opens
/// a panel saying what will happen ("3 pessoas serão avisadas") that holds the form which does it, and the figure is
/// what the action then does.
/// </summary>
public sealed class ConfirmationTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task Destructive_buttons_say_what_will_happen_first_and_the_count_is_what_happens()
    {
        var offeringId = await Arrange.ClassAsync(App, seats: 10);
        var people = await Arrange.PeopleAsync(App, 3);
        using var api = await App.ApiClientAsync(TestApp.AdminEmail);
        foreach (var p in people)
        {
            (await api.PostAsJsonAsync("/api/v1/enrolments", new { offeringId, personId = p })).EnsureSuccessStatusCode();
        }

        var sessionId = await App.WithDbAsync(db => db.Sessions.Where(s => s.OfferingId == offeringId).Select(s => s.Id).SingleAsync());
        var enrolmentId = await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == offeringId).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        using var browser = NewBrowser();
        await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);

        var (_, show) = await browser.GetPageAsync($"/offerings/{offeringId}?culture=pt-BR&ui-culture=pt-BR");
        Guarded(show, $"/offerings/{offeringId}/cancel").ShouldContain("3 pessoas serão avisadas por e-mail");
        Guarded(show, $"/sessions/{sessionId}/cancel").ShouldContain("3 pessoas serão avisadas por e-mail");
        var (_, english) = await browser.GetPageAsync($"/offerings/{offeringId}?culture=en&ui-culture=en");
        Guarded(english, $"/offerings/{offeringId}/cancel").ShouldContain("3 people will be notified by email");

        var (_, roster) = await browser.GetPageAsync($"/sessions/{sessionId}/roster?culture=en&ui-culture=en");
        Guarded(roster, $"/sessions/{sessionId}/close").ShouldContain("completion will be decided now for 3 people");
        var (_, enrolments) = await browser.GetPageAsync($"/enrolments/offering/{offeringId}?culture=en&ui-culture=en");
        var name = await App.WithDbAsync(db => db.Enrolments.Where(e => e.Id == enrolmentId).Select(e => e.Person!.FullName).SingleAsync());
        Guarded(enrolments, $"/enrolments/{enrolmentId}/cancel").ShouldContain($"The enrolment of {name} will be cancelled");

        // The confirmed form does what it said: one enrolment out (and told), then the class, telling the two left.
        var cancelled = await browser.SubmitAsync($"/enrolments/offering/{offeringId}", $"/enrolments/{enrolmentId}/cancel", new Dictionary<string, string?>());
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, after) = await browser.GetPageAsync($"/offerings/{offeringId}?culture=en&ui-culture=en");
        Guarded(after, $"/offerings/{offeringId}/cancel").ShouldContain("2 people will be notified by email");
        (await browser.SubmitAsync($"/offerings/{offeringId}", $"/offerings/{offeringId}/cancel", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith($"offering-cancelled:{offeringId}:")))).ShouldBe(2);

        // With nobody left to tell, the panel says so rather than "0 people".
        var empty = await Arrange.ClassAsync(App, seats: 10);
        var (_, none) = await browser.GetPageAsync($"/offerings/{empty}?culture=en&ui-culture=en");
        Guarded(none, $"/offerings/{empty}/cancel").ShouldContain("Nobody is enrolled, so nobody will be notified");
    }

    /// <summary>The form posting to <paramref name="action"/> sits in a closed panel with the consequence; returns its text.</summary>
    private static string Guarded(AngleSharp.Html.Dom.IHtmlDocument page, string action)
    {
        var form = page.Forms.SingleOrDefault(f => f.GetAttribute("action") == action).ShouldNotBeNull($"a form posting to {action}");
        var panel = form.Closest("details").ShouldNotBeNull($"{action} is behind a confirmation, not one click away");
        panel.HasAttribute("open").ShouldBeFalse();
        return panel.QuerySelector("[data-testid$=-consequence]").ShouldNotBeNull().TextContent;
    }
}
