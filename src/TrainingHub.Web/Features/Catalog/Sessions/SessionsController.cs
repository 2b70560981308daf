using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Catalog;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog.Sessions;

public sealed record SessionFormViewModel(OfferingDetail Offering, int? SessionId, SessionRequest Form);

public sealed class SessionsController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("offerings/{offeringId:int}/sessions/new")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Create(int offeringId, CancellationToken ct) =>
        await GetOffering.HandleAsync(db, User.Scope(), offeringId, ct) is { } o
            ? View("Edit", new SessionFormViewModel(o, null, new SessionRequest(o.Title, null, null, null, o.Place, o.ChannelUrl)))
            : NotFound();

    [HttpPost("offerings/{offeringId:int}/sessions/new")]
    [Authorize(Policy = Policies.Administrator)]
    public Task<IActionResult> Create(int offeringId, [Bind(Prefix = "Form")] SessionRequest form, CancellationToken ct) => SaveAsync(offeringId, null, form, ct);

    [HttpGet("sessions/{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, CancellationToken ct)
    {
        var offeringId = await GetSession.OfferingOfAsync(db, User.Scope(), id, ct);
        var o = offeringId is { } oid ? await GetOffering.HandleAsync(db, User.Scope(), oid, ct) : null;
        var s = o?.Sessions.SingleOrDefault(x => x.Id == id);
        if (o is null || s is null)
        {
            return NotFound();
        }

        var form = new SessionRequest(s.Title, SaoPaulo.ToLocal(s.StartsAt), SaoPaulo.ToLocal(s.EndsAt), CatalogInput.FormatHours(s.CreditedMinutes), s.Place, s.StreamUrl, s.Seats);
        return View(new SessionFormViewModel(o, id, form));
    }

    [HttpPost("sessions/{id:int}/edit")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Edit(int id, [Bind(Prefix = "Form")] SessionRequest form, CancellationToken ct) =>
        await GetSession.OfferingOfAsync(db, User.Scope(), id, ct) is { } offeringId ? await SaveAsync(offeringId, id, form, ct) : NotFound();

    [HttpPost("sessions/{id:int}/cancel")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> Cancel(int id, CancellationToken ct)
    {
        var offeringId = await GetSession.OfferingOfAsync(db, User.Scope(), id, ct);
        var result = await CancelSession.HandleAsync(db, User.Scope(), time, id, ct);
        if (offeringId is null)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/offerings/{offeringId}");
        }

        TempData["Flash"] = t.Count("Session.CancelledFlash", result.Value).Value;
        return Redirect($"/offerings/{offeringId}");
    }

    private async Task<IActionResult> SaveAsync(int offeringId, int? sessionId, SessionRequest form, CancellationToken ct)
    {
        var result = await SaveSession.HandleAsync(db, User.Scope(), time, offeringId, sessionId, form, ct);
        if (!result.Succeeded)
        {
            ModelState.Clear(); // the use case checks every field: its messages replace the binder's
            return await this.FormAsync(result.Error!, t, async () =>
                await GetOffering.HandleAsync(db, User.Scope(), offeringId, ct) is { } o ? View("Edit", new SessionFormViewModel(o, sessionId, form)) : NotFound(), "Form.");
        }

        TempData["Flash"] = result.Value!.Count > 1 ? t["Session.SavedMany", result.Value.Count, form.Title ?? ""].Value : t["Session.Saved", form.Title ?? ""].Value;
        return Redirect($"/offerings/{offeringId}");
    }
}
