using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;
using TrainingHub.Web.Features.Attendance.LiveCheckIn;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.GuestCheckIn;

public sealed record GuestCheckInForm(string? Code, string? Cpf, string? FullName, string? Email, int? OrganizationId);

/// <param name="SessionId">The session the link named (kept on the form even when it is no open event, so the answer says so).</param>
public sealed record GuestCheckInViewModel(GuestCheckInPage Page, int? SessionId, GuestCheckInForm Form, GuestCheckInOutcome? Outcome);

/// <summary>
/// The public check-in page of an open event (no sign-in): reached from the stream or the room with the code shown on
/// screen; a guest gives their CPF, name, e-mail and organisation (<see cref="Core.Attendance.GuestCheckIn"/>).
/// </summary>
[Route("checkin/guest")]
public sealed class GuestCheckInController(TrainingHubDbContext db, TimeProvider time, IOptions<CheckInOptions> options, InvitationSettings invitations,
    IConfiguration config, IAuditActor actor, IStringLocalizer<SharedResource> t) : Controller
{
    private const string PageView = "Index";

    [HttpGet("")]
    [AllowAnonymous]
    public async Task<IActionResult> Index(int? s, string? code, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var page = await GetGuestCheckInPage.HandleAsync(db, time, s, ct);
        var typed = CheckInCode.Normalize(code) is { Length: > 0 } c ? c : null;
        return View(PageView, new GuestCheckInViewModel(page, s, new GuestCheckInForm(typed, null, null, null, null), null));
    }

    [HttpPost("")]
    [AllowAnonymous]
    public async Task<IActionResult> Submit(int? s, GuestCheckInForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        Response.Headers.CacheControl = "no-store";
        var request = new GuestCheckInRequest(s, form.Code, form.Cpf, form.FullName, form.Email, form.OrganizationId,
            HttpContext.Connection.RemoteIpAddress?.ToString() ?? "-", CultureInfo.CurrentUICulture.Name);
        var result = await Core.Attendance.GuestCheckIn.HandleAsync(db, actor, time, options.Value, invitations, CheckInController.BaseUrl(config, Request), request, ct);
        var page = await GetGuestCheckInPage.HandleAsync(db, time, s, ct);
        return result.Succeeded
            ? View(PageView, new GuestCheckInViewModel(page, s, new GuestCheckInForm(null, null, null, null, null), result.Value))
            : this.Form(result.Error!, t, () => View(PageView, new GuestCheckInViewModel(page, s, form, null)));
    }
}
