using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.LiveCheckIn;

public sealed record OpenCheckInBody(CheckInKind Kind = CheckInKind.Arrival, int? Minutes = null);

public sealed record CheckInBody(string? Code, int? SessionId);

public sealed record OpenEventBody(bool Open);

/// <summary>Live check-in over the API: the instructor opens, reads and closes the window; a trainee checks in.</summary>
[Route("api/v1")]
public sealed class CheckInApiController(TrainingHubDbContext db, TimeProvider time, IOptions<CheckInOptions> options, IConfiguration config, IAuditActor actor,
    IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpPost("sessions/{id:int}/checkin/open")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<OpenCheckInOutcome>> Open(int id, OpenCheckInBody? body, CancellationToken ct)
    {
        body ??= new OpenCheckInBody();
        var result = await OpenCheckIn.HandleAsync(db, User.Scope(), time, options.Value,
            new OpenCheckInRequest(id, body.Kind, body.Minutes, CheckInController.Link(CheckInController.BaseUrl(config, Request), id, null)), ct);
        return result.Succeeded ? result.Value!
            : this.Problem(result.Error!, t);
    }

    /// <summary>Marks the session an open event (guests check in on the guest page without an account) or no longer one.</summary>
    [HttpPut("sessions/{id:int}/open-event")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<SetOpenEventOutcome>> OpenEvent(int id, OpenEventBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await SetOpenEvent.HandleAsync(db, User.Scope(), actor, time, id, body.Open, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    [HttpPost("sessions/{id:int}/checkin/close")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<CloseCheckInOutcome>> Close(int id, CancellationToken ct)
    {
        var result = await CloseCheckIn.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    /// <summary>The open window's current code (and the counts): what the instructor's screen shows.</summary>
    [HttpGet("sessions/{id:int}/checkin")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<CheckInScreen>> Current(int id, CancellationToken ct) =>
        await GetCheckInScreen.HandleAsync(db, User.Scope(), time, id, ct) is { } model ? model : NotFound();

    /// <summary>The signed-in person checks in with a code (naming the session, or not). 429 after too many wrong codes.</summary>
    [HttpPost("checkin")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.RateLimited)]
    [Refuses(ErrorKind.TooEarly)]
    public async Task<ActionResult<CheckInOutcome>> CheckIn(CheckInBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await Core.Attendance.CheckIn.HandleAsync(db, User.Scope(), time, options.Value, new CheckInRequest(body.Code, body.SessionId), ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }
}
