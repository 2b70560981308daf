using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Accounts.Registration;

/// <param name="Reason">Required when refusing; the person receives it.</param>
public sealed record RegistrationDecisionBody(string? Reason = null);

/// <summary>What a decision left: the request's status now (Approved or Refused).</summary>
public sealed record RegistrationDecisionResult(int Id, RegistrationStatus Status);

/// <summary>Self-registration requests over HTTP: the list of those in the reader's scope, and approving or refusing one.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class RegistrationsApiController(TrainingHubDbContext db, UserManager<ApplicationUser> users, TimeProvider time, IAuditActor actor, IConfiguration config,
    IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <param name="status">AwaitingApproval when omitted; "all" for every confirmed request.</param>
    [HttpGet("api/v1/registrations")]
    public Task<Page<RegistrationRow>> List(int? organizationId, string? status, string? search, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        RegistrationStatus? shown = status == "all" ? null : Enum.TryParse<RegistrationStatus>(status, ignoreCase: true, out var s) ? s : RegistrationStatus.AwaitingApproval;
        return ListRegistrations.HandleAsync(db, User.Scope(), new RegistrationFilter(organizationId, shown, search, page, pageSize), ct);
    }

    /// <summary>Approves a request waiting for approval: the account opens and the person is told by e-mail.</summary>
    [HttpPost("api/v1/registrations/{id:int}/approve")]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public Task<ActionResult<RegistrationDecisionResult>> Approve(int id, CancellationToken ct) => DecideAsync(id, new RegistrationDecision(true, null), ct);

    /// <summary>Refuses a request waiting for approval, with the reason the person receives by e-mail.</summary>
    [HttpPost("api/v1/registrations/{id:int}/refuse")]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public Task<ActionResult<RegistrationDecisionResult>> Refuse(int id, RegistrationDecisionBody body, CancellationToken ct) =>
        DecideAsync(id, new RegistrationDecision(false, body?.Reason), ct);

    private async Task<ActionResult<RegistrationDecisionResult>> DecideAsync(int id, RegistrationDecision decision, CancellationToken ct)
    {
        var result = await DecideRegistration.HandleAsync(db, users, User.Scope(), actor, time, PublicUrl(), id, decision, ct);
        return result.Succeeded ? new RegistrationDecisionResult(id, result.Value) : this.Problem(result.Error!, t);
    }

    private string PublicUrl() => config["App:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";
}
