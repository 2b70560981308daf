using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Calendars;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Features.Attendance.LiveCheckIn;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Calendars;

public sealed record CalendarMonthAnswer(string Month, IReadOnlyList<CalendarEntry> Sessions, DateTime? FeedCreatedAt);

public sealed record CalendarFeedAnswer(string Url);

[Route("api/v1/calendar")]
public sealed class CalendarApiController(TrainingHubDbContext db, TimeProvider time, IConfiguration config, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>The caller's sessions in a month (<c>yyyy-MM</c>, São Paulo time; this month when left out): those they are expected at and those they teach, cancelled ones included.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<CalendarMonthAnswer>> Month(string? month, CancellationToken ct)
    {
        var parsed = MonthCalendar.Parse(month);
        if (month is not null && parsed is null)
        {
            return this.Problem(Error.Validation("Month", "Calendar.BadMonth"), t);
        }

        var result = await GetMyCalendar.HandleAsync(db, User.Scope(), time, parsed, ct);
        return result.Succeeded
            ? new CalendarMonthAnswer(MonthCalendar.Format(result.Value!.Month), result.Value.Sessions, result.Value.FeedCreatedAt)
            : this.Problem(result.Error!, t);
    }

    /// <summary>Creates the caller's iCalendar feed address, or a new one (the old one stops working). The address is answered only here.</summary>
    [HttpPost("feed")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<CalendarFeedAnswer>> Issue(CancellationToken ct)
    {
        var result = await IssueCalendarFeed.HandleAsync(db, User.Scope(), time, ct);
        return result.Succeeded ? new CalendarFeedAnswer(CheckInController.BaseUrl(config, Request) + result.Value!.Path) : this.Problem(result.Error!, t);
    }

    /// <summary>Revokes the caller's feed address: it answers 404 from now on.</summary>
    [HttpDelete("feed")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Revoke(CancellationToken ct)
    {
        var result = await RevokeCalendarFeed.HandleAsync(db, User.Scope(), time, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }
}
