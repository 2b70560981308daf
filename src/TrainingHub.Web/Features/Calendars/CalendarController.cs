using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Calendars;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Features.Attendance.LiveCheckIn;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Calendars;

/// <summary>The month page: the calendar, and the feed address when it has just been issued (shown this once).</summary>
public sealed record CalendarViewModel(MyCalendar Calendar, string? NewFeedUrl);

/// <summary>
/// A person's sessions by month (a grid on wide screens, a list on phones; no JavaScript needed) and their personal
/// iCalendar feed: issued or regenerated (shown once), revoked, and read anonymously by calendar applications.
/// </summary>
[Route("calendar")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class CalendarController(TrainingHubDbContext db, TimeProvider time, IConfiguration config, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? month, CancellationToken ct)
    {
        var result = await GetMyCalendar.HandleAsync(db, User.Scope(), time, MonthCalendar.Parse(month), ct);
        return result.Succeeded ? View(new CalendarViewModel(result.Value!, null)) : this.Page(result.Error!);
    }

    [HttpPost("feed")]
    public async Task<IActionResult> Issue(string? month, CancellationToken ct)
    {
        var issued = await IssueCalendarFeed.HandleAsync(db, User.Scope(), time, ct);
        if (!issued.Succeeded)
        {
            return this.Page(issued.Error!);
        }

        var calendar = await GetMyCalendar.HandleAsync(db, User.Scope(), time, MonthCalendar.Parse(month), ct);
        return View("Index", new CalendarViewModel(calendar.Value!, FeedUrl(issued.Value!)));
    }

    [HttpPost("feed/revoke")]
    public async Task<IActionResult> Revoke(CancellationToken ct)
    {
        var revoked = await RevokeCalendarFeed.HandleAsync(db, User.Scope(), time, ct);
        if (!revoked.Succeeded)
        {
            return this.Page(revoked.Error!);
        }

        TempData["Flash"] = t["Calendar.Feed.Revoked"].Value;
        return Redirect("/calendar");
    }

    /// <summary>The feed itself, for calendar applications: no sign-in, the secret token in the address; 404 for anything else.</summary>
    [HttpGet("feed/{id:int}/{token}.ics")]
    [AllowAnonymous]
    public async Task<IActionResult> Feed(int id, string token, CancellationToken ct)
    {
        var ics = await ReadCalendarFeed.HandleAsync(db, id, token, time, t, ct);
        if (ics is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=900";
        return Content(ics, "text/calendar; charset=utf-8");
    }

    private string FeedUrl(IssuedCalendarFeed feed) => CheckInController.BaseUrl(config, Request) + feed.Path;
}
