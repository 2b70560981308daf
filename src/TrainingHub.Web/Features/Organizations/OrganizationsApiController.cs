using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Organizations;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Organizations;

[Route("api/v1/organizations")]
public sealed class OrganizationsApiController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>Organisations in the caller's scope, filtered and paged.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public Task<Page<OrganizationRow>> List(string? search, OrganizationKind? kind, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        ListOrganizations.HandleAsync(db, User.Scope(), new OrganizationFilter(search, kind, page, pageSize), ct);

    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [ProducesResponseType<CreatedId>(StatusCodes.Status201Created)]
    public async Task<ActionResult> Create(CreateOrganizationRequest request, CancellationToken ct)
    {
        var result = await CreateOrganization.HandleAsync(db, User.Scope(), time, request, ct);
        return result.Succeeded ? Created($"/api/v1/organizations/{result.Value}", new CreatedId(result.Value)) : this.Problem(result.Error!, t);
    }

    /// <summary>One organisation in the caller's scope.</summary>
    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<OrganizationDetails>> Get(int id, CancellationToken ct)
    {
        var result = await GetOrganization.HandleAsync(db, User.Scope(), id, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    /// <summary>Corrects an organisation (name, acronym, kind, state, IBGE code, CNPJ, parent); a new parent moves its subtree.</summary>
    [HttpPut("{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Validation)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Update(int id, UpdateOrganizationRequest request, CancellationToken ct)
    {
        var result = await UpdateOrganization.HandleAsync(db, User.Scope(), id, request, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }
}
