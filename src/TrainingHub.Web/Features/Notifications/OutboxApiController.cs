using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Notifications;

public sealed record OutboxChangeResult(long Id, OutboxStatus Status);

/// <summary>
/// The outbox over HTTP, for administrators of the whole installation: list with filters, one message with its
/// dispatch history, retry, cancel; and the scheduled jobs with their last run, next run and result.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class OutboxApiController(TrainingHubDbContext db, TimeProvider time, IAuditActor actor, IServiceProvider services, IOptions<JobsOptions> jobs, JobResults results, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet("api/v1/outbox/{id:long}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Forbidden)]
    public async Task<ActionResult<OutboxDetail>> Get(long id, CancellationToken ct)
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        return await ListOutbox.DetailAsync(db, id, ct) is { } detail ? detail : NotFound();
    }

    [HttpGet("api/v1/jobs")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Forbidden)]
    public ActionResult<IReadOnlyList<JobView>> Jobs()
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        return Ok(JobViews.Read(services, jobs.Value, results));
    }

    [HttpGet("api/v1/outbox")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Forbidden)]
    public async Task<ActionResult<Page<OutboxRow>>> List(OutboxStatus? status, string? type, string? search, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        return await ListOutbox.HandleAsync(db, new OutboxFilter(status, type, search, page, pageSize), ct);
    }

    [HttpPost("api/v1/outbox/{id:long}/retry")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Forbidden)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<OutboxChangeResult>> Retry(long id, CancellationToken ct)
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        return Answer(id, await ChangeOutboxMessage.RetryAsync(db, time, actor, id, ct));
    }

    [HttpPost("api/v1/outbox/{id:long}/cancel")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Forbidden)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<OutboxChangeResult>> Cancel(long id, CancellationToken ct)
    {
        if (!User.Scope().IsWholeInstallation)
        {
            return Forbid();
        }

        return Answer(id, await ChangeOutboxMessage.CancelAsync(db, time, actor, id, ct));
    }

    private ActionResult<OutboxChangeResult> Answer(long id, Result<OutboxStatus> result)
    {
        if (result.Succeeded)
        {
            return new OutboxChangeResult(id, result.Value);
        }

        return this.Problem(result.Error!, t);
    }
}
