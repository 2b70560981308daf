using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using TrainingHub.Core;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Calendars;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.IntegrationTests.Attendance;
using TrainingHub.IntegrationTests.Infrastructure;

namespace TrainingHub.IntegrationTests.Calendars;

/// <summary>
/// A person's calendar: the month page and API follow what they are registered for (a seat in a class, chosen dates in a
/// series registered by date) and what they teach; the personal iCalendar feed answers anonymously with a secret token,
/// in São Paulo time, cancelled sessions as STATUS:CANCELLED, within its window; regenerated or revoked, the old address is 404.
/// </summary>
public sealed class CalendarTests(string provider) : OnBothDatabases(provider)
{
    [Test]
    public async Task The_feed_follows_the_registrations_answers_anonymously_and_stops_when_regenerated_or_revoked()
    {
        var a = await ArrangeAsync();
        using var browser = NewBrowser();
        (await browser.SignInAsync(a.TraineeEmail, AttendanceKit.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The month of the first session: the grid and the phone list both show it; the draft class's and the waitlisted class's do not.
        var month = MonthOf(a.Starts["class-next"]);
        var (status, page) = await browser.GetPageAsync("/calendar?month=" + month);
        status.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[data-testid=calendar-grid]").ShouldNotBeNull();
        var shown = page.QuerySelectorAll("[data-testid=calendar-grid] [data-testid=calendar-session]").Select(e => int.Parse(e.GetAttribute("data-session-id")!, CultureInfo.InvariantCulture)).ToList();
        shown.ShouldContain(a.Sessions["class-next"]);
        shown.ShouldNotContain(a.Sessions["draft"]);
        shown.ShouldNotContain(a.Sessions["waitlisted"]);
        page.QuerySelectorAll("[data-testid=calendar-list] [data-testid=calendar-session]").Length.ShouldBe(shown.Count);
        page.QuerySelector("[data-testid=calendar-previous]")!.GetAttribute("href").ShouldBe("/calendar?month=" + MonthOf(a.Starts["class-next"], -1));
        page.QuerySelector("[data-testid=calendar-feed-none]").ShouldNotBeNull();

        // Creating the address shows it once; calendar applications read it without signing in.
        var url = await IssueAsync(browser);
        var calendar = await FeedAsync(url);
        calendar.Events.Keys.ShouldBe(
            new[] { "class-past", "class-next", "class-cancelled", "series-chosen" }.Select(k => CalendarUid(a.Sessions[k])), ignoreOrder: true);
        calendar.Events[CalendarUid(a.Sessions["class-cancelled"])]["STATUS"].ShouldBe("CANCELLED");
        calendar.Events[CalendarUid(a.Sessions["class-cancelled"])]["SEQUENCE"].ShouldBe("1");
        var next = calendar.Events[CalendarUid(a.Sessions["class-next"])];
        next["STATUS"].ShouldBe("CONFIRMED");
        next["DTSTART;TZID=America/Sao_Paulo"].ShouldBe(SaoPaulo.ToLocal(a.Starts["class-next"]).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture));
        next["SUMMARY"].ShouldBe("Encontro seguinte — " + a.ClassTitle);
        calendar.Events[CalendarUid(a.Sessions["series-chosen"])]["URL"].ShouldBe("https://video.example.gov.br/calendario");
        calendar.Zone.ShouldBe("America/Sao_Paulo");
        calendar.Method.ShouldBeNull();

        // Cheap enough to be polled: two queries (the feed with its person, then the sessions).
        var (feedId, token) = FeedOf(url);
        var queries = new Queries();
        await using (var scope = App.Scope())
        {
            var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<TrainingHubDbContext>>();
            await using var db = new TrainingHubDbContext(new DbContextOptionsBuilder<TrainingHubDbContext>(options).AddInterceptors(queries).Options);
            var clock = Stopwatch.StartNew();
            (await ReadCalendarFeed.HandleAsync(db, feedId, token, App.Clock, scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>(), CancellationToken.None)).ShouldNotBeNull();
            TestContext.Out.WriteLine($"{ProviderName}: feed of {calendar.Events.Count} sessions read in {clock.ElapsedMilliseconds} ms, {queries.Count} queries");
        }

        queries.Count.ShouldBe(2);

        // A wrong token, an unknown id: 404, as a missing page.
        var path = Path(url);
        (await Anonymous().GetAsync(path[..^5] + (path[^5] == 'A' ? 'B' : 'A') + path[^4..])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous().GetAsync(Path(url).Replace("/feed/", "/feed/9", StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Regenerating: the old address is 404, the new one works; the page says since when.
        var renewed = await IssueAsync(browser);
        renewed.ShouldNotBe(url);
        (await Anonymous().GetAsync(Path(url))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FeedAsync(renewed)).Events.Count.ShouldBe(4);
        (_, page) = await browser.GetPageAsync("/calendar");
        page.QuerySelector("[data-testid=calendar-feed-since]").ShouldNotBeNull();
        page.QuerySelector("[data-testid=calendar-feed-url]").ShouldBeNull();

        // Revoking: 404 from then on.
        var revoke = await browser.SubmitAsync("/calendar", "/calendar/feed/revoke", new Dictionary<string, string?>());
        revoke.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Anonymous().GetAsync(Path(renewed))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await App.WithDbAsync(db => db.CalendarFeeds.CountAsync(f => f.PersonId == a.TraineeId))).ShouldBe(0);

        // Audited on the account, without the token.
        var tokens = new[] { url, renewed }.Select(u => u[(u.LastIndexOf('/') + 1)..^4]).ToList();
        var entries = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "ApplicationUser" && e.EntityId == a.TraineeUserId && e.Action.StartsWith("CalendarFeed"))
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.AfterJson, e.OrganizationId }).ToListAsync());
        entries.Select(e => e.Action).ShouldBe([IssueCalendarFeed.Audited, IssueCalendarFeed.Audited, RevokeCalendarFeed.Audited]);
        entries.ShouldAllBe(e => e.AfterJson == null || tokens.All(t => !e.AfterJson.Contains(t)));
        (await App.WithDbAsync(db => db.CalendarFeeds.AnyAsync(f => tokens.Contains(f.TokenHash)))).ShouldBeFalse();
        (await App.VerifyAuditAsync()).Intact.ShouldBeTrue();
    }

    [Test]
    public async Task An_instructor_sees_the_sessions_they_teach_and_the_api_issues_and_revokes_the_feed()
    {
        var a = await ArrangeAsync();
        using var api = await App.ApiClientAsync(a.InstructorEmail);
        var month = await api.GetFromJsonAsync<JsonElement>("/api/v1/calendar?month=" + MonthOf(a.Starts["series-other"]));
        var sessions = month.GetProperty("sessions").EnumerateArray().ToList();
        var other = sessions.Single(s => s.GetProperty("sessionId").GetInt32() == a.Sessions["series-other"]);
        other.GetProperty("teaching").GetBoolean().ShouldBeTrue();
        sessions.ShouldNotContain(s => s.GetProperty("sessionId").GetInt32() == a.Sessions["class-next"]);
        month.GetProperty("month").GetString().ShouldBe(MonthOf(a.Starts["series-other"]));

        // A session beyond the feed's year ahead is in its month, not in the feed.
        using var trainee = await App.ApiClientAsync(a.TraineeEmail);
        var far = await trainee.GetFromJsonAsync<JsonElement>("/api/v1/calendar?month=" + MonthOf(a.Starts["class-far"]));
        far.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("sessionId").GetInt32()).ShouldContain(a.Sessions["class-far"]);
        (await trainee.GetAsync("/api/v1/calendar?month=2026-13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var issued = await api.PostAsync("/api/v1/calendar/feed", null);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, await issued.Content.ReadAsStringAsync());
        var url = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var feed = await FeedAsync(url);
        feed.Events.Keys.ShouldBe([CalendarUid(a.Sessions["series-chosen"]), CalendarUid(a.Sessions["series-other"])], ignoreOrder: true);
        (await api.DeleteAsync("/api/v1/calendar/feed")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.DeleteAsync("/api/v1/calendar/feed")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous().GetAsync(Path(url))).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // An account without a person has no calendar.
        using var admin = await App.ApiClientAsync(TestApp.AdminEmail);
        (await admin.GetAsync("/api/v1/calendar")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PostAsync("/api/v1/calendar/feed", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private sealed record Arranged(int TraineeId, string TraineeEmail, string TraineeUserId, string InstructorEmail, string ClassTitle,
        Dictionary<string, int> Sessions, Dictionary<string, DateTime> Starts);

    private static ReaderScope Admin => new("it", null, new HashSet<string> { Roles.Administrator }, null, null);

    /// <summary>
    /// A trainee with a seat in a class (sessions 10 days back, in 2 days, in 4 days then cancelled, 70 days back and 400
    /// days ahead), one chosen date of a series registered by date (of two), a seat in a draft class and a waitlisted
    /// place in another; an instructor who teaches the series.
    /// </summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var (traineeEmail, traineeId) = await AttendanceKit.AccountAsync(App, Roles.Trainee);
        var (instructorEmail, instructorId) = await AttendanceKit.AccountAsync(App, Roles.Instructor);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var hour = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        var starts = new Dictionary<string, DateTime>
        {
            ["class-past"] = hour.AddDays(-10),
            ["class-next"] = hour.AddDays(2),
            ["class-cancelled"] = hour.AddDays(4),
            ["class-old"] = hour.AddDays(-70),
            ["class-far"] = hour.AddDays(400),
            ["series-chosen"] = hour.AddDays(3),
            ["series-other"] = hour.AddDays(5),
            ["draft"] = hour.AddDays(2).AddHours(3),
            ["waitlisted"] = hour.AddDays(2).AddHours(5),
        };
        var titles = new Dictionary<string, string> { ["class-next"] = "Encontro seguinte" };
        var classId = await Arrange.ClassAsync(App, null, c =>
        {
            c.Sessions.Clear();
            foreach (var key in new[] { "class-past", "class-next", "class-cancelled", "class-old", "class-far" })
            {
                c.Sessions.Add(new Session { Title = titles.GetValueOrDefault(key, "Encontro " + key), StartsAt = starts[key], EndsAt = starts[key].AddHours(2), CreditedMinutes = 120 });
            }
        });
        var draftId = await Arrange.ClassAsync(App, null, c =>
        {
            c.Status = OfferingStatus.Draft;
            c.Sessions.Clear();
            c.Sessions.Add(new Session { Title = "Rascunho", StartsAt = starts["draft"], EndsAt = starts["draft"].AddHours(1), CreditedMinutes = 60 });
        });
        var fullId = await Arrange.ClassAsync(App, 1, c =>
        {
            c.Sessions.Clear();
            c.Sessions.Add(new Session { Title = "Lotada", StartsAt = starts["waitlisted"], EndsAt = starts["waitlisted"].AddHours(1), CreditedMinutes = 60 });
        });

        var ids = await App.WithDbAsync(async db =>
        {
            var code = "CAL-" + Guid.NewGuid().ToString("N")[..10];
            var series = new WebinarSeries
            {
                Code = code,
                Title = "Webinários " + code,
                StartsOn = DateOnly.FromDateTime(now),
                EndsOn = DateOnly.FromDateTime(now).AddMonths(2),
                Status = OfferingStatus.Published,
                CreatedAt = now,
                RegistrationByDate = true,
                ChannelUrl = "https://video.example.gov.br/calendario",
            };
            foreach (var key in new[] { "series-chosen", "series-other" })
            {
                series.Sessions.Add(new Session { Title = "Webinário " + key, StartsAt = starts[key], EndsAt = starts[key].AddHours(1), CreditedMinutes = 60 });
            }

            db.Offerings.Add(series);
            db.Enrolments.Add(new TrainingHub.Core.Enrolment.Enrolment { OfferingId = classId, PersonId = traineeId, Status = EnrolmentStatus.Confirmed, RequestedAt = now, ConfirmedAt = now });
            db.Enrolments.Add(new TrainingHub.Core.Enrolment.Enrolment { OfferingId = draftId, PersonId = traineeId, Status = EnrolmentStatus.Confirmed, RequestedAt = now, ConfirmedAt = now });
            db.Enrolments.Add(new TrainingHub.Core.Enrolment.Enrolment { OfferingId = fullId, PersonId = traineeId, Status = EnrolmentStatus.Waitlisted, WaitlistPosition = 1, RequestedAt = now });
            await db.SaveChangesAsync();
            db.OfferingInstructors.Add(new OfferingInstructor { OfferingId = series.Id, PersonId = instructorId });
            await db.SaveChangesAsync();
            return await db.Sessions.Where(s => s.OfferingId == classId || s.OfferingId == draftId || s.OfferingId == fullId || s.OfferingId == series.Id)
                .Select(s => new { s.Id, s.StartsAt }).ToListAsync();
        });
        var sessions = starts.ToDictionary(kv => kv.Key, kv => ids.Single(s => s.StartsAt == kv.Value).Id);
        var seriesId = await App.WithDbAsync(db => db.Sessions.Where(s => s.Id == sessions["series-chosen"]).Select(s => s.OfferingId).SingleAsync());
        var chosen = await App.WithDbAsync(db => ChooseSessions.HandleAsync(db, new ReaderScope("it-trainee", traineeId, new HashSet<string> { Roles.Trainee }, null, null), App.Clock,
            new ChooseSessionsRequest(seriesId, false, [sessions["series-chosen"]]), CancellationToken.None));
        chosen.Succeeded.ShouldBeTrue(string.Join(", ", chosen.Errors.Select(e => e.Code)));
        (await App.WithDbAsync(db => CancelSession.HandleAsync(db, Admin, App.Clock, sessions["class-cancelled"], CancellationToken.None))).Succeeded.ShouldBeTrue();
        var userId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == traineeEmail).Select(u => u.Id).SingleAsync());
        var title = await App.WithDbAsync(db => db.Offerings.Where(o => o.Id == classId).Select(o => o.Title).SingleAsync());
        return new Arranged(traineeId, traineeEmail, userId, instructorEmail, title, sessions, starts);
    }

    private static string MonthOf(DateTime startUtc, int add = 0) => MonthCalendar.Format(DateOnly.FromDateTime(SaoPaulo.ToLocal(startUtc)).AddMonths(add));

    private static string CalendarUid(int sessionId) => TrainingHub.Core.Notifications.CalendarSession.Uid(sessionId);

    private static string Path(string url) => new Uri(url).PathAndQuery;

    /// <summary>The id and the token of a feed address (/calendar/feed/{id}/{token}.ics).</summary>
    private static (int Id, string Token) FeedOf(string url)
    {
        var parts = new Uri(url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(parts[2], CultureInfo.InvariantCulture), parts[3][..^4]);
    }

    private sealed class Queries : IDbCommandInterceptor
    {
        private int count;

        public int Count => count;

        public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return ValueTask.FromResult(result);
        }
    }

    private HttpClient Anonymous() => App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<string> IssueAsync(Browser browser)
    {
        var response = await browser.SubmitAsync("/calendar", "/calendar/feed", new Dictionary<string, string?>());
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        var url = page.QuerySelector("[data-testid=calendar-feed-url]")?.GetAttribute("value");
        url.ShouldNotBeNull();
        url.ShouldEndWith(".ics");
        return url;
    }

    /// <summary>The feed read anonymously: text/calendar, CRLF and 75-octet folding checked, then unfolded and read line by line.</summary>
    private async Task<Feed> FeedAsync(string url)
    {
        using var response = await Anonymous().GetAsync(Path(url));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var raw = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        raw.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        raw.ShouldEndWith("END:VCALENDAR\r\n");
        foreach (var physical in raw.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(physical).ShouldBeLessThanOrEqualTo(75, physical);
        }

        return Feed.Parse(raw.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The VEVENTs by UID (each property by its name with parameters), the VTIMEZONE's TZID and the METHOD, if any.</summary>
    private sealed record Feed(Dictionary<string, Dictionary<string, string>> Events, string? Zone, string? Method)
    {
        public static Feed Parse(string[] lines)
        {
            var events = new Dictionary<string, Dictionary<string, string>>();
            Dictionary<string, string>? current = null;
            string? zone = null, method = null;
            var inZone = false;
            foreach (var line in lines)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var (name, value) = (line[..colon], line[(colon + 1)..]);
                switch (name, value)
                {
                    case ("BEGIN", "VEVENT"): current = []; break;
                    case ("END", "VEVENT"): events.Add(current!["UID"], current); current = null; break;
                    case ("BEGIN", "VTIMEZONE"): inZone = true; break;
                    case ("END", "VTIMEZONE"): inZone = false; break;
                    case ("TZID", _) when inZone && zone is null: zone = value; break;
                    case ("METHOD", _) when current is null: method = value; break;
                    default:
                        if (current is not null)
                        {
                            current[name] = value;
                        }

                        break;
                }
            }

            return new Feed(events, zone, method);
        }
    }
}
