using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Accounts.Account;

public sealed record MeResponse(string UserId, string? Name, IReadOnlyList<string> Roles, int? PersonId, int? ScopeOrganizationId);

[Route("api/v1/me")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class MeApiController : ApiControllerBase
{
    /// <summary>Who the caller is: roles and scope, as the API sees them.</summary>
    [HttpGet]
    public ActionResult<MeResponse> Get()
    {
        var s = User.Scope();
        return new MeResponse(s.UserId, User.FindFirst("name")?.Value, s.Roles.Order().ToList(), s.PersonId, s.OrganizationId);
    }
}
