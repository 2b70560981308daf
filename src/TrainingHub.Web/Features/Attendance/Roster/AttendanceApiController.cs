using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.Roster;

public sealed record RosterBody(IReadOnlyList<RosterEntry> Entries, string? Reason);

[Route("api/v1")]
public sealed class AttendanceApiController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet("sessions/{id:int}/roster")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<RosterModel>> Roster(int id, CancellationToken ct) =>
        await GetRoster.HandleAsync(db, User.Scope(), id, ct) is { } model ? model : NotFound();

    /// <summary>Saves the whole roster (or the listed people) in one request; after close, give a reason.</summary>
    [HttpPost("sessions/{id:int}/roster")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<SaveRosterOutcome>> SaveRoster(int id, RosterBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await Core.Attendance.SaveRoster.HandleAsync(db, User.Scope(), time, actor, new SaveRosterRequest(id, body.Entries ?? [], body.Reason), ct);
        return result.Succeeded ? result.Value!
            : this.Problem(result.Error!, t);
    }

    [HttpPost("sessions/{id:int}/close")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<CloseSessionOutcome>> Close(int id, CancellationToken ct)
    {
        var result = await CloseSession.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? result.Value!
            : this.Problem(result.Error!, t);
    }

    [HttpGet("hours/mine")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<PersonHoursModel>> Mine(CancellationToken ct)
    {
        var scope = User.Scope();
        if (scope.PersonId is not { } personId)
        {
            return NotFound();
        }

        var result = await GetPersonHours.HandleAsync(db, scope, time, personId, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    [HttpGet("people/{id:int}/hours")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<PersonHoursModel>> ForPerson(int id, CancellationToken ct)
    {
        var result = await GetPersonHours.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }
}
