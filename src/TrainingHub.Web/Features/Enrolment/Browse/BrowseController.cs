using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Enrolment.Browse;

public sealed record CatalogViewModel(CatalogModel Model, CatalogFilter Filter, PagerModel Pager);

/// <summary>Trainees find what they may enrol in, read a class's page, and enrol.</summary>
[Route("catalogue")]
[Authorize(Policy = Policies.Trainee)]
public sealed class BrowseController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int? programmeId, Modality? modality, int? month, int? maxHours, bool openSeats = false, int page = 1, CancellationToken ct = default)
    {
        if (User.Scope().PersonId is not { } personId)
        {
            return View("Error", StatusCodes.Status403Forbidden);
        }

        var filter = new CatalogFilter(search, programmeId, modality, month, maxHours, openSeats, page);
        var model = await BrowseCatalog.HandleAsync(db, personId, time, filter, ct);
        return View(new CatalogViewModel(model, filter, PagerModel.From(model.Page, Request)));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken ct)
    {
        var model = User.Scope().PersonId is { } personId ? await GetCatalogueOffering.HandleAsync(db, personId, time, id, ct) : null;
        return model is null ? NotFound() : View(model);
    }

    [HttpPost("{id:int}/enrol")]
    public async Task<IActionResult> Enrol(int id, CancellationToken ct)
    {
        var result = await EnrolInOffering.HandleAsync(db, User.Scope(), time, new EnrolRequest(id), ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/catalogue/{id}");
        }

        TempData["Flash"] = result.Value!.Status switch
        {
            EnrolmentStatus.Waitlisted => t["Enrol.DoneWaitlisted", result.Value.WaitlistRank ?? 0].Value,
            EnrolmentStatus.AwaitingApproval => t["Enrol.DoneAwaiting"].Value,
            _ => t["Enrol.DoneConfirmed"].Value,
        };
        return Redirect($"/catalogue/{id}");
    }

    /// <summary>A series registered by date: the whole series or the chosen dates (enrolling first if needed); changeable until each date starts.</summary>
    [HttpPost("{id:int}/dates")]
    public async Task<IActionResult> Dates(int id, bool wholeSeries, int[]? sessionIds, CancellationToken ct)
    {
        var result = await ChooseSessions.HandleAsync(db, User.Scope(), time, new ChooseSessionsRequest(id, wholeSeries, sessionIds), ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/catalogue/{id}");
        }

        TempData["Flash"] = t["Dates.Saved"].Value;
        return Redirect($"/catalogue/{id}");
    }
}
