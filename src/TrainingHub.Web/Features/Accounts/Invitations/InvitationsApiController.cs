using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Accounts.Invitations;

/// <param name="PersonIds">The people to invite (at most <see cref="InvitePeople.MaxPeople"/>); those with an account are skipped.</param>
/// <param name="Resend">Send a new link to people whose earlier one still works (it stops working).</param>
public sealed record InvitePeopleBody(IReadOnlyList<int> PersonIds, bool Resend = false);

/// <summary>Invitations over HTTP: the list with its counts, inviting many people at once, and one person (or again).</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class InvitationsApiController(TrainingHubDbContext db, TimeProvider time, InvitationSettings settings, IAuditActor actor, IConfiguration config, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpGet("api/v1/invitations")]
    public Task<InvitationList> List(int? organizationId, InvitationStatus? status, string? search, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        ListInvitations.HandleAsync(db, User.Scope(), time, new InvitationFilter(organizationId, status, search, page, pageSize), ct);

    /// <summary>Invites every listed person without an account; answers how many invitations were queued and who was skipped.</summary>
    [HttpPost("api/v1/invitations")]
    [Refuses(ErrorKind.Validation)]
    public async Task<ActionResult<InvitationReport>> Invite(InvitePeopleBody body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        var result = await InvitePeople.HandleAsync(db, User.Scope(), actor, time, settings, PublicUrl(), body.PersonIds ?? [], InvitationSource.Api, body.Resend, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    /// <summary>Invites one person, or sends them a new link (resend=true; the earlier link stops working).</summary>
    [HttpPost("api/v1/people/{personId:int}/invitation")]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<InvitationReport>> InvitePerson(int personId, bool resend, CancellationToken ct)
    {
        var result = await Core.Accounts.InvitePerson.HandleAsync(db, User.Scope(), actor, time, settings, PublicUrl(), personId, InvitationSource.Api, resend, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    private string PublicUrl() => config["App:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";
}
