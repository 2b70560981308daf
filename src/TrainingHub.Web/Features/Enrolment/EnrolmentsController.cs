using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Data;
using TrainingHub.Core.Enrolment;
using TrainingHub.Core.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Enrolment;

public sealed record OfferingEnrolmentsViewModel(OfferingEnrolmentsModel Model, EnrolmentStatus? Status, PagerModel Pager);

[Route("enrolments")]
public sealed class EnrolmentsController(TrainingHubDbContext db, TimeProvider time, IOptions<EnrolmentOptions> options, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>The trainee's enrolments with status, waitlist place, pending seat offers.</summary>
    [HttpGet("mine")]
    [Authorize(Policy = Policies.Trainee)]
    public async Task<IActionResult> Mine(CancellationToken ct) =>
        View(User.Scope().PersonId is { } personId ? await ListMyEnrolments.HandleAsync(db, personId, ct) : []);

    [HttpPost("{id:int}/cancel")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Cancel(int id, string? returnUrl, CancellationToken ct)
    {
        var result = await CancelEnrolment.HandleAsync(db, User.Scope(), time, options, id, ct);
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl : "/enrolments/mine";
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, back);
        }

        TempData["Flash"] = t["Enrolment.CancelledNow"].Value;
        return LocalRedirect(back);
    }

    [HttpPost("{id:int}/accept")]
    [Authorize(Policy = Policies.Trainee)]
    public async Task<IActionResult> Accept(int id, CancellationToken ct)
    {
        var result = await AcceptSeatOffer.HandleAsync(db, User.Scope(), time, id, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, "/enrolments/mine");
        }

        TempData["Flash"] = t["Enrol.DoneConfirmed"].Value;
        return Redirect("/enrolments/mine");
    }

    /// <summary>Administrators: one offering's enrolments (people in their scope), approvals, enrolling someone.</summary>
    [HttpGet("offering/{id:int}")]
    [Authorize(Policy = Policies.AdministratorOrAuditor)]
    public async Task<IActionResult> Offering(int id, EnrolmentStatus? status, int page = 1, CancellationToken ct = default)
    {
        var model = await ListOfferingEnrolments.HandleAsync(db, User.Scope(), id, status, page, ct);
        return model is null ? NotFound() : View(new OfferingEnrolmentsViewModel(model, status, PagerModel.From(model.Page, Request)));
    }

    [HttpPost("offering/{id:int}")]
    [Authorize(Policy = Policies.Administrator)]
    public async Task<IActionResult> EnrolPerson(int id, string? person, CancellationToken ct)
    {
        if (await FindPerson.HandleAsync(db, User.Scope(), person, ct) is not { } personId)
        {
            TempData["Flash"] = t["Person.NotFound"].Value;
            return Redirect($"/enrolments/offering/{id}");
        }

        var result = await EnrolInOffering.HandleAsync(db, User.Scope(), time, new EnrolRequest(id, personId), ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/enrolments/offering/{id}");
        }

        TempData["Flash"] = t["Enrolment.Status." + result.Value!.Status].Value;
        return Redirect($"/enrolments/offering/{id}");
    }

    /// <summary>What waits for the reader's decision: the people they manage, or (administrators) everyone in scope.</summary>
    [HttpGet("approvals")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Approvals(CancellationToken ct) => View(await ListPendingApprovals.HandleAsync(db, User.Scope(), ct));

    /// <summary>Approve or reject (the person's manager or an administrator in scope).</summary>
    [HttpPost("{id:int}/decide")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Decide(int id, bool approve, string? reason, string? returnUrl, CancellationToken ct)
    {
        var result = await DecideEnrolment.HandleAsync(db, User.Scope(), time, new DecideRequest(id, approve, reason), ct);
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, back);
        }

        TempData["Flash"] = t["Enrolment.Status." + result.Value].Value;
        return LocalRedirect(back);
    }
}
