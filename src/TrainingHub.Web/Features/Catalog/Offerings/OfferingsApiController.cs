using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog.Offerings;

/// <summary>Classes and webinar series. Enrolment window times are São Paulo wall-clock times unless marked UTC ("…Z").</summary>
[Route("api/v1")]
public sealed class OfferingsApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet("offerings")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public Task<Page<OfferingRow>> List(int? programmeId, int? courseId, bool? classes, string? search, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        ListOfferings.HandleAsync(db, User.Scope(), new OfferingFilter(programmeId, courseId, classes, search, page, pageSize), ct);

    [HttpGet("offerings/{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<OfferingDetail>> Get(int id, CancellationToken ct) =>
        await GetOffering.HandleAsync(db, User.Scope(), id, ct) is { } o ? o : NotFound();

    [HttpPost("classes")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [ProducesResponseType<CreatedId>(StatusCodes.Status201Created)]
    public async Task<ActionResult> CreateClass(ClassRequest request, CancellationToken ct) =>
        Created(await SaveClass.HandleAsync(db, User.Scope(), time, null, request, ct));

    [HttpPut("classes/{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> UpdateClass(int id, ClassRequest request, CancellationToken ct) =>
        Updated(await SaveClass.HandleAsync(db, User.Scope(), time, id, request, ct));

    [HttpPost("webinar-series")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [ProducesResponseType<CreatedId>(StatusCodes.Status201Created)]
    public async Task<ActionResult> CreateSeries(SeriesRequest request, CancellationToken ct) =>
        Created(await SaveWebinarSeries.HandleAsync(db, User.Scope(), time, null, request, ct));

    [HttpPut("webinar-series/{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> UpdateSeries(int id, SeriesRequest request, CancellationToken ct) =>
        Updated(await SaveWebinarSeries.HandleAsync(db, User.Scope(), time, id, request, ct));

    /// <summary>Copies a class or series to a new period (sessions shifted; instructors and eligibility copied; no enrolments).</summary>
    [HttpPost("offerings/{id:int}/copy")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType<CreatedId>(StatusCodes.Status201Created)]
    public async Task<ActionResult> Copy(int id, CopyClassRequest request, CancellationToken ct) =>
        Created(await CopyClass.HandleAsync(db, User.Scope(), time, id, request, ct));

    /// <summary>Cancels a class or series and queues a message to everyone enrolled; answers how many were queued.</summary>
    [HttpPost("offerings/{id:int}/cancel")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [ProducesResponseType<QueuedAnswer>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Cancel(int id, CancellationToken ct)
    {
        var result = await CancelOffering.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? Ok(new QueuedAnswer(result.Value)) : this.Problem(result.Error!, t);
    }

    /// <summary>Creates one session a month in a webinar series; answers how many were created.</summary>
    [HttpPost("webinar-series/{id:int}/monthly-sessions")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<MonthlySessionsOutcome>> MonthlySessions(int id, MonthlySessionsRequest request, CancellationToken ct)
    {
        var result = await CreateMonthlySessions.HandleAsync(db, User.Scope(), time, id, request, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    /// <summary>Announces the series' programme for a month to everyone who may take part; answers how many messages were queued.</summary>
    [HttpPost("webinar-series/{id:int}/announce")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<AnnounceOutcome>> Announce(int id, AnnounceBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await AnnounceMonthlyProgramme.HandleAsync(db, User.Scope(), time, new AnnounceRequest(id, body.Year, body.Month), ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    private ActionResult Created(Result<int> result) =>
        result.Succeeded ? Created($"/api/v1/offerings/{result.Value}", new CreatedId(result.Value)) : this.Problem(result.Error!, t);

    private ActionResult Updated(Result<int> result) => result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
}

public sealed record AnnounceBody(int Year, int Month);
