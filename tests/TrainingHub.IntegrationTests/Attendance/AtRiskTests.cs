using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TrainingHub.Core.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Notifications;

namespace TrainingHub.IntegrationTests.Attendance;

public sealed class AtRiskTests(string provider) : MailFixture(provider)
{
    private static object Entry(int personId, string status) => new { personId, status };

    [Test]
    public async Task Both_conditions_are_flagged_once_notified_once_to_the_person_and_the_manager_in_their_languages_and_cleared_when_corrected()
    {
        // 4 sessions of 120 min, minimum 75 % (360 min): two absences make it unreachable, and they are in a row.
        var c = await AttendanceKit.ClassAsync(App, people: 3, sessions: 4, minutes: 120, minPercent: 75);
        var (a, b, ok) = (c.People[0], c.People[1], c.People[2]);
        var manager = (await Arrange.PeopleAsync(App, 1))[0];
        await App.WithDbAsync(async db =>
        {
            await db.People.Where(p => p.Id == a).ExecuteUpdateAsync(s => s.SetProperty(p => p.ManagerId, manager));
            return await db.People.Where(p => p.Id == manager).ExecuteUpdateAsync(s => s.SetProperty(p => p.PreferredLanguage, "en"));
        });
        using var api = await App.ApiClientAsync(c.InstructorEmail);
        async Task SaveAsync(int session, params object[] entries) =>
            (await api.PostAsJsonAsync($"/api/v1/sessions/{c.SessionIds[session]}/roster", new { entries })).EnsureSuccessStatusCode();
        Task<List<AtRiskFlag>> FlagsAsync() => App.WithDbAsync(db => db.AtRiskFlags.AsNoTracking().Where(f => f.OfferingId == c.OfferingId).OrderBy(f => f.Condition).ToListAsync());
        var enrolmentA = await App.WithDbAsync(db => db.Enrolments.Where(e => e.OfferingId == c.OfferingId && e.PersonId == a).Select(e => e.Id).SingleAsync());
        Task<int> MessagesAsync() => App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith($"AtRisk:{enrolmentA}:")));

        await SaveAsync(0, Entry(a, "Absent"), Entry(b, "Absent"), Entry(ok, "Present"));
        (await FlagsAsync()).ShouldBeEmpty("one absence: the minimum is still reachable and nothing is in a row");
        await SaveAsync(1, Entry(a, "Absent"), Entry(b, "Present"), Entry(ok, "Present"));
        var flags = await FlagsAsync();
        flags.Select(f => (f.PersonId, f.Condition, f.ResolvedAt)).ShouldBe([(a, AtRiskCondition.CannotReachMinimum, (DateTime?)null), (a, AtRiskCondition.ConsecutiveAbsences, null)]);
        flags[0].Detail.ShouldBe("possible=240;needed=360;planned=480;min=75");
        (await MessagesAsync()).ShouldBe(4);

        // More saves while the conditions hold: no new flag, no new message.
        await SaveAsync(2, Entry(a, "Absent"), Entry(b, "Present"), Entry(ok, "Present"));
        await SaveAsync(2, Entry(a, "Present"));
        (await FlagsAsync()).Count.ShouldBe(2);
        (await MessagesAsync()).ShouldBe(4);

        // The instructor's roster and the administrator's list show them.
        var roster = await api.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{c.SessionIds[0]}/roster");
        roster.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("personId").GetInt32() == a).GetProperty("atRisk").GetArrayLength().ShouldBe(2);
        roster.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("personId").GetInt32() == b).GetProperty("atRisk").GetArrayLength().ShouldBe(0);
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/at-risk?condition=ConsecutiveAbsences&pageSize=200");
        list.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("enrolmentId").GetInt32() == enrolmentA).ShouldBe(1);
        using (var browser = NewBrowser())
        {
            await browser.SignInAsync(TestApp.AdminEmail, TestApp.AdminPassword);
            var (_, page) = await browser.GetPageAsync("/at-risk?search=" + Uri.EscapeDataString(roster.GetProperty("offering").GetString()!));
            page.QuerySelectorAll("[data-testid=at-risk] tr[data-flag]").Length.ShouldBe(2);
            var (_, rosterPage) = await browser.GetPageAsync($"/sessions/{c.SessionIds[0]}/roster");
            rosterPage.QuerySelectorAll($"li[data-person='{a}'] [data-testid=at-risk]").Length.ShouldBe(2);
        }

        // Sent once, in the person's language (pt-BR) and the manager's (English).
        await FollowUpKit.DispatchAsync(App, Mail.SmtpPort);
        var (personAddress, managerAddress) = await App.WithDbAsync(async db => (
            await db.People.Where(p => p.Id == a).Select(p => p.Email).SingleAsync(),
            await db.People.Where(p => p.Id == manager).Select(p => p.Email).SingleAsync()));
        var toPerson = await Mail.ForAsync(personAddress, expected: 2);
        toPerson.Count.ShouldBe(2);
        toPerson.ShouldAllBe(m => m.GetProperty("subject").GetString()!.StartsWith("Alerta de frequência", StringComparison.Ordinal));
        toPerson.Select(m => m.GetProperty("text").GetString()!).ShouldContain(t => t.Contains("não consegue mais atingir a frequência mínima", StringComparison.Ordinal));
        toPerson.Select(m => m.GetProperty("text").GetString()!).ShouldContain(t => t.Contains("faltou a dois encontros seguidos", StringComparison.Ordinal));
        var toManager = await Mail.ForAsync(managerAddress, expected: 2);
        toManager.Count.ShouldBe(2);
        toManager.ShouldAllBe(m => m.GetProperty("subject").GetString()!.StartsWith("Attendance alert for", StringComparison.Ordinal));
        toManager.Select(m => m.GetProperty("text").GetString()!).ShouldContain(t => t.Contains("missed two sessions in a row", StringComparison.Ordinal));

        // A correction clears both; the same conditions coming back raise the same rows again, without new messages.
        await SaveAsync(1, Entry(a, "Present"));
        (await FlagsAsync()).ShouldAllBe(f => f.ResolvedAt != null);
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/at-risk?pageSize=200")).GetProperty("items").EnumerateArray()
            .ShouldNotContain(i => i.GetProperty("enrolmentId").GetInt32() == enrolmentA);
        await SaveAsync(1, Entry(a, "Absent"));
        flags = await FlagsAsync();
        flags.Count.ShouldBe(2);
        flags.ShouldAllBe(f => f.ResolvedAt == null);
        (await MessagesAsync()).ShouldBe(4);
        await FollowUpKit.DispatchAsync(App, Mail.SmtpPort);
        (await Mail.ForAsync(personAddress, expected: 3)).Count.ShouldBe(2);
    }
}
