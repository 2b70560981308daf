using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.People;

[Route("api/v1/people")]
public sealed class PeopleApiController(TrainingHubDbContext db, TimeProvider time, PrivacySettings privacy, IAuditActor actor, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    /// <summary>People in the caller's scope; CPF masked unless the caller may see it.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public Task<Page<PersonRow>> List(string? search, int? organizationId, int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        ListPeople.HandleAsync(db, User.Scope(), new PeopleFilter(search, organizationId, page, pageSize), ct);

    /// <summary>Registers a person; an invalid or duplicate CPF is refused with a problem naming the field.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.Validation)]
    [ProducesResponseType<CreatedId>(StatusCodes.Status201Created)]
    public async Task<ActionResult> Create(CreatePersonRequest request, CancellationToken ct)
    {
        var result = await CreatePerson.HandleAsync(db, User.Scope(), time, request, ct);
        return result.Succeeded ? Created($"/api/v1/people/{result.Value}", new CreatedId(result.Value)) : this.Problem(result.Error!, t);
    }

    /// <summary>One person in the caller's scope: organisation, manager, accounts, enrolments and hours, certificates, at-risk flags.</summary>
    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<PersonDetails>> Get(int id, CancellationToken ct)
    {
        var result = await GetPerson.HandleAsync(db, User.Scope(), time, id, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    /// <summary>Corrects a person's record (blank CPF keeps it); every refused field is named.</summary>
    [HttpPut("{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<ActionResult> Update(int id, UpdatePersonRequest request, CancellationToken ct)
    {
        var result = await UpdatePerson.HandleAsync(db, User.Scope(), id, request, ct);
        return result.Succeeded ? NoContent() : this.Problem(result.Error!, t);
    }

    /// <summary>Whether the person is still under legal retention (LGPD), and until when.</summary>
    [HttpGet("{id:int}/retention")]
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    public async Task<ActionResult<RetentionStatus>> Retention(int id, CancellationToken ct)
    {
        var result = await GetRetention.HandleAsync(db, User.Scope(), time, privacy, id, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }

    /// <summary>Anonymizes a person out of retention; refused (422) with the date until which the records are retained.</summary>
    [HttpPost("{id:int}/anonymize")]
    [HttpPost("{id:int}/anonymise")] // the earlier spelling keeps working
    [Authorize(Policy = Policies.Administrator)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    public async Task<ActionResult<RetentionStatus>> Anonymize(int id, CancellationToken ct)
    {
        var result = await AnonymizePerson.HandleAsync(db, User.Scope(), time, privacy, actor, id, ct);
        return result.Succeeded ? result.Value! : this.Problem(result.Error!, t);
    }
}
