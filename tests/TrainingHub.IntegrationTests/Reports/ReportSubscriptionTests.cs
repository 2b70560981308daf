using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.Reports;
using TrainingHub.Core.Reports.Messages;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;
using TrainingHub.IntegrationTests.Notifications;

namespace TrainingHub.IntegrationTests.Reports;

/// <summary>
/// Monthly reports by email: subscribed through the API, queued once per month by the job's use case, sent through the
/// outbox with the XLSX built at send time in the subscriber's language and scope, and stopped by cancelling.
/// </summary>
public sealed class ReportSubscriptionTests(string provider) : MailFixture(provider)
{
    [Test]
    public async Task Subscribers_get_one_monthly_xlsx_in_their_language_and_scope_that_matches_the_report_api_and_cancelling_stops_it()
    {
        // A class of four with credited attendance; two of them belong to another organisation, the scoped administrator's.
        var c = await AttendanceKit.ClassAsync(App, 4, sessions: 2, minutes: 90);
        var (scopeOrg, sessionStart) = await App.WithDbAsync(async db =>
        {
            var home = await db.People.Where(p => p.Id == c.People[0]).Select(p => p.Organization!.Path).SingleAsync();
            var others = await db.Organizations.Select(o => new { o.Id, o.Path }).ToListAsync();
            var other = others.First(o => !o.Path.StartsWith(home, StringComparison.Ordinal) && !home.StartsWith(o.Path, StringComparison.Ordinal));
            var moved = new[] { c.People[2], c.People[3] };
            await db.People.Where(p => moved.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.OrganizationId, other.Id));
            var now = App.Clock.GetUtcNow().UtcDateTime;
            foreach (var p in c.People)
            {
                db.AttendanceRecords.Add(new AttendanceRecord { SessionId = c.SessionIds[0], PersonId = p, Status = AttendanceStatus.Present, RecordedAt = now });
            }

            db.AttendanceRecords.Add(new AttendanceRecord { SessionId = c.SessionIds[1], PersonId = c.People[3], Status = AttendanceStatus.Present, RecordedAt = now });
            await db.SaveChangesAsync();
            return (other.Id, await db.Sessions.Where(s => s.Id == c.SessionIds[0]).Select(s => s.StartsAt).SingleAsync());
        });
        var unscoped = await AccountAsync(Roles.Administrator, null, Languages.English);
        var scoped = await AccountAsync(Roles.Administrator, scopeOrg, Languages.Portuguese);

        // Both subscribe through the API to hours per person of this class; the list shows it.
        int unscopedSub, scopedSub;
        using (var unscopedNow = await App.ApiClientAsync(unscoped))
        using (var scopedNow = await App.ApiClientAsync(scoped))
        {
            unscopedSub = await SubscribeAsync(unscopedNow, c.OfferingId);
            scopedSub = await SubscribeAsync(scopedNow, c.OfferingId);
            var list = await unscopedNow.GetFromJsonAsync<JsonElement>("/api/v1/report-subscriptions");
            list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()).ShouldBe([unscopedSub]);
            (await scopedNow.DeleteAsync(new Uri($"/api/v1/report-subscriptions/{unscopedSub}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // The 2nd of the month after the sessions' month, in São Paulo: the report covers that month.
        var local = SaoPaulo.ToLocal(sessionStart);
        var monthStart = new DateOnly(local.Year, local.Month, 1);
        App.Clock.Advance(SaoPaulo.ToUtc(new DateTime(local.Year, local.Month, 1, 12, 0, 0).AddMonths(1).AddDays(1)) - App.Clock.GetUtcNow().UtcDateTime);
        var month = monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var unscopedApi = await App.ApiClientAsync(unscoped);
        using var scopedApi = await App.ApiClientAsync(scoped);

        await App.WithDbAsync(db => QueueMonthlyReports.HandleAsync(db, App.Clock, CancellationToken.None));
        await App.WithDbAsync(db => QueueMonthlyReports.HandleAsync(db, App.Clock, CancellationToken.None));
        var keys = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == unscoped || m.ToAddress == scoped)
            .Select(m => new { m.IdempotencyKey, m.MessageType, m.Essential }).ToListAsync());
        keys.Select(k => k.IdempotencyKey).ShouldBe([QueueMonthlyReports.Key(unscopedSub, month), QueueMonthlyReports.Key(scopedSub, month)], ignoreOrder: true);
        keys.ShouldAllBe(k => k.MessageType == nameof(MonthlyReport) && k.Essential);
        await DispatchOnlyAsync([unscoped, scoped]);

        var period = $"from={monthStart:yyyy-MM-dd}&to={monthStart.AddMonths(1).AddDays(-1):yyyy-MM-dd}&offeringId={c.OfferingId}";
        var en = (await Mail.ForAsync(unscoped)).ShouldHaveSingleItem();
        var enMonth = monthStart.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en"));
        en.GetProperty("subject").GetString().ShouldBe($"Monthly report: Hours by person ({enMonth})");
        var enRows = await XlsxRowsAsync(en, $"report-hours-by-person-{month}.xlsx", "Report");
        await ShouldMatchApiAsync(enRows, unscopedApi, period, 4);

        var pt = (await Mail.ForAsync(scoped)).ShouldHaveSingleItem();
        var ptMonth = monthStart.ToDateTime(TimeOnly.MinValue).ToString("MMMM yyyy", CultureInfo.GetCultureInfo("pt-BR"));
        pt.GetProperty("subject").GetString().ShouldBe($"Relatório mensal: Horas por pessoa ({ptMonth})");
        pt.GetProperty("text").GetString()!.ShouldContain("Minhas assinaturas");
        var ptRows = await XlsxRowsAsync(pt, $"relatorio-hours-by-person-{month}.xlsx", "Relatório");
        await ShouldMatchApiAsync(ptRows, scopedApi, period, 2);

        // Only the scoped administrator's jurisdiction: the two people moved to their organisation, 90 + 180 minutes.
        var scopedNames = await App.WithDbAsync(db => db.People.Where(p => p.Id == c.People[2] || p.Id == c.People[3]).Select(p => p.FullName).ToListAsync());
        ptRows.Skip(1).SkipLast(1).Select(r => r[0].GetProperty("v").GetString()).ShouldBe(scopedNames, ignoreOrder: true);
        ptRows[^1][3].GetProperty("v").GetInt32().ShouldBe(270);

        // Cancelled: the next month queues nothing for it, while the other subscription goes on.
        (await scopedApi.DeleteAsync(new Uri($"/api/v1/report-subscriptions/{scopedSub}", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await scopedApi.GetFromJsonAsync<JsonElement>("/api/v1/report-subscriptions")).GetProperty("totalCount").GetInt32().ShouldBe(0);
        App.Clock.Advance(TimeSpan.FromDays(31));
        await App.WithDbAsync(db => QueueMonthlyReports.HandleAsync(db, App.Clock, CancellationToken.None));
        var next = monthStart.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var after = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == unscoped || m.ToAddress == scoped).Select(m => m.IdempotencyKey).ToListAsync());
        after.ShouldContain(QueueMonthlyReports.Key(unscopedSub, next));
        after.ShouldNotContain(QueueMonthlyReports.Key(scopedSub, next));
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.ToAddress == unscoped)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled)));
    }

    [Test]
    public async Task An_administrator_subscribes_from_the_reports_page_with_its_filters_sees_it_listed_and_cancels_it()
    {
        var email = await AccountAsync(Roles.Administrator, null, Languages.Portuguese);
        var programme = await App.WithDbAsync(db => db.Programmes.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        using var browser = new Browser(App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        (await browser.SignInAsync(email, AttendanceKit.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var reports = $"/reports?kind=HoursByProgramme&programmeId={programme}";
        var subscribed = await browser.SubmitAsync(reports, "/reports/subscriptions", new Dictionary<string, string?>());
        subscribed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await App.WithDbAsync(db => db.ReportSubscriptions.Join(db.Users.Where(u => u.Email == email), s => s.UserId, u => u.Id, (s, _) => s).SingleAsync());
        stored.Kind.ShouldBe(ReportKind.HoursByProgramme);
        ReportSubscriptionFilters.FromJson(stored.FiltersJson).ShouldBe(new ReportSubscriptionFilters(programme));
        stored.Email.ShouldBe(email);

        var (status, html) = await browser.GetPageAsync("/reports/subscriptions");
        status.ShouldBe(HttpStatusCode.OK);
        html.QuerySelector("h1")!.TextContent.ShouldBe("Minhas assinaturas de relatórios");
        var row = html.QuerySelector($"tr[data-subscription='{stored.Id}']").ShouldNotBeNull();
        row.TextContent.ShouldContain("Horas por programa");
        row.TextContent.ShouldContain(await App.WithDbAsync(db => db.Programmes.Where(p => p.Id == programme).Select(p => p.Name).SingleAsync()));

        (await browser.SubmitAsync("/reports/subscriptions", $"/reports/subscriptions/{stored.Id}/cancel", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await App.WithDbAsync(db => db.ReportSubscriptions.Where(s => s.Id == stored.Id).Select(s => s.CancelledAt).SingleAsync())).ShouldNotBeNull();
        (await browser.GetPageAsync("/reports/subscriptions")).Html.QuerySelector("[data-testid=no-subscriptions]").ShouldNotBeNull();
        (await browser.PostAsync($"/reports/subscriptions/{stored.Id}/cancel", new Dictionary<string, string?>())).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Trainees_cannot_subscribe_and_the_detail_report_is_not_offered()
    {
        var (trainee, _) = await AttendanceKit.AccountAsync(App, Roles.Trainee);
        using var traineeApi = await App.ApiClientAsync(trainee);
        (await traineeApi.PostAsJsonAsync("/api/v1/report-subscriptions", new { kind = "HoursByPerson" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        var response = await admin.PostAsJsonAsync("/api/v1/report-subscriptions", new { kind = "AttendanceRows" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("kind", Case.Insensitive);
    }

    private static async Task<int> SubscribeAsync(HttpClient api, int offeringId)
    {
        var response = await api.PostAsJsonAsync("/api/v1/report-subscriptions", new { kind = "HoursByPerson", offeringId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<List<JsonElement[]>> XlsxRowsAsync(JsonElement mail, string fileName, string sheet)
    {
        var attachment = mail.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        attachment.GetProperty("fileName").GetString().ShouldBe(fileName);
        attachment.GetProperty("contentType").GetString().ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var xlsx = ReportFiles.ReadXlsx(await Mail.AttachmentAsync(mail, attachment.GetProperty("generatedFileName").GetString()!));
        xlsx.GetProperty("sheets").EnumerateArray().First().GetString().ShouldBe(sheet);
        return xlsx.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToList();
    }

    /// <summary>Every line of the sheet (header, rows, totals) against the report API for the same reader and period.</summary>
    private static async Task ShouldMatchApiAsync(List<JsonElement[]> sheet, HttpClient api, string query, int people)
    {
        var report = await api.GetFromJsonAsync<JsonElement>($"/api/v1/reports/HoursByPerson?{query}");
        var columns = report.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()).ToList();
        var rows = report.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToList();
        rows.Add(report.GetProperty("totals").EnumerateArray().ToArray());
        rows.Count.ShouldBe(people + 1);
        sheet.Count.ShouldBe(rows.Count + 1);
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < columns.Count; j++)
            {
                var api1 = rows[i][j];
                var cell = sheet[i + 1][j];
                switch (columns[j])
                {
                    case "Hours":
                        cell.GetProperty("v").GetDecimal().ShouldBe(Math.Round(api1.GetInt32() / 60m, 2));
                        break;
                    case "Integer":
                        cell.GetProperty("v").GetInt32().ShouldBe(api1.GetInt32());
                        break;
                    default:
                        if (api1.ValueKind == JsonValueKind.String && i < rows.Count - 1)
                        {
                            cell.GetProperty("v").GetString().ShouldBe(api1.GetString());
                        }

                        break;
                }
            }
        }
    }

    private async Task<string> AccountAsync(string role, int? scopeOrganizationId, string language)
    {
        var id = (await Arrange.PeopleAsync(App, 1))[0];
        var email = $"subscriber-{Guid.NewGuid():N}@test.traininghub.local";
        await using var scope = App.Scope();
        var sp = scope.ServiceProvider;
        var root = new ReaderScope("test", null, new HashSet<string> { Roles.Administrator }, null, null);
        var result = await CreateAccount.HandleAsync(sp.GetRequiredService<TrainingHubDbContext>(), sp.GetRequiredService<UserManager<ApplicationUser>>(), root, App.Clock,
            new CreateAccountRequest(email, "Assinante de teste", AttendanceKit.Password, role, scopeOrganizationId, id, language), CancellationToken.None);
        result.Succeeded.ShouldBeTrue(string.Join(", ", result.Errors.Select(e => e.Code)));
        return email;
    }

    /// <summary>Sends this test's messages only (others pending in this database are cancelled), with the application's attachment sources.</summary>
    private async Task DispatchOnlyAsync(IReadOnlyCollection<string> addresses)
    {
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && !addresses.Contains(m.ToAddress))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Cancelled)));
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingHubDbContext>();
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = Mail.SmtpPort, From = "cursos@traininghub.test", FromName = "Escola de Governo — Capacitação", TimeoutSeconds = 10 };
        var settings = new DispatchSettings(BatchSize: 1000, PublicUrl: "https://traininghub.test", MessageIdDomain: "traininghub.test",
            AttachmentSources: [.. App.Services.GetServices<IOutboxAttachmentSource>()]);
        var outcome = await DispatchOutbox.HandleAsync(db, new SmtpEmailSender(Options.Create(smtp)), App.Clock, settings, "it-reports", CancellationToken.None);
        outcome.DeadLettered.ShouldBe(0);
    }
}
