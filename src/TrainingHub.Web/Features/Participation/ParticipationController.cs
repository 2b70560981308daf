using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Participation;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Participation;

public sealed record ParticipationsViewModel(ProgrammeDetail Programme, Page<ParticipationRow> Page, ParticipationFilter Filter, PagerModel Pager, bool CanEdit);

public sealed record ParticipationViewModel(ParticipationDetail Participation, bool CanEdit);

public sealed record ParticipationFormViewModel(ProgrammeDetail Programme, int? Id, ParticipationRequest Form, IReadOnlyList<(int Id, string Name)> Organizations);

/// <summary>The organisations taking part in a programme: list with filters, one participation with its history, add and change.</summary>
[Route("programmes/{programmeId:int}/participants")]
public sealed class ParticipationController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Index(int programmeId, ParticipationStatus? status, int? stage, string? state, string? search, int page = 1, CancellationToken ct = default)
    {
        var scope = User.Scope();
        var programme = await GetProgramme.HandleAsync(db, scope, programmeId, ct);
        var filter = new ParticipationFilter(status, stage, state, search, page);
        if (programme is null || await ListParticipations.HandleAsync(db, scope, programmeId, filter, ct) is not { } result)
        {
            return NotFound();
        }

        return View(new ParticipationsViewModel(programme, result, filter, PagerModel.From(result, Request), scope.IsAdministrator));
    }

    [HttpGet("{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Show(int programmeId, int id, CancellationToken ct)
    {
        var participation = await GetParticipation.HandleAsync(db, User.Scope(), programmeId, id, ct);
        return participation is null ? NotFound() : View(new ParticipationViewModel(participation, User.Scope().IsAdministrator));
    }

    [HttpGet("new")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(int programmeId, CancellationToken ct)
    {
        var programme = await GetProgramme.HandleAsync(db, User.Scope(), programmeId, ct);
        return programme is null
            ? NotFound()
            : View("Edit", new ParticipationFormViewModel(programme, null, new ParticipationRequest(null, null, ParticipationStatus.Invited, null, null, null, null, null, null, null),
                await ListParticipations.CandidatesAsync(db, programmeId, null, ct)));
    }

    [HttpPost("new")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> Create(int programmeId, [Bind(Prefix = "Form")] ParticipationRequest form, CancellationToken ct) => SaveAsync(programmeId, null, form, ct);

    [HttpGet("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int programmeId, int id, CancellationToken ct)
    {
        var scope = User.Scope();
        var programme = await GetProgramme.HandleAsync(db, scope, programmeId, ct);
        var participation = await GetParticipation.HandleAsync(db, scope, programmeId, id, ct);
        return programme is null || participation is null
            ? NotFound()
            : View(new ParticipationFormViewModel(programme, id, participation.ToRequest(), await ListParticipations.CandidatesAsync(db, programmeId, participation.OrganizationId, ct)));
    }

    [HttpPost("{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> Edit(int programmeId, int id, [Bind(Prefix = "Form")] ParticipationRequest form, CancellationToken ct) => SaveAsync(programmeId, id, form, ct);

    private async Task<IActionResult> SaveAsync(int programmeId, int? id, ParticipationRequest form, CancellationToken ct)
    {
        var result = await SaveParticipation.HandleAsync(db, User.Scope(), time, programmeId, id, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () =>
            {
                var programme = await GetProgramme.HandleAsync(db, User.Scope(), programmeId, ct);
                return View("Edit", new ParticipationFormViewModel(programme!, id, form, await ListParticipations.CandidatesAsync(db, programmeId, form.OrganizationId, ct)));
            }, "Form.");
        }

        TempData["Flash"] = t["Participation.Saved"].Value;
        return Redirect($"/programmes/{programmeId}/participants/{result.Value}");
    }
}
