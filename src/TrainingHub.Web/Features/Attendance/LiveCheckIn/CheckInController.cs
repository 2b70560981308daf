using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using TrainingHub.Core.Attendance;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.Documents;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Attendance.LiveCheckIn;

public sealed record CheckInScreenViewModel(CheckInScreen Model, string? QrDataUri, string? Link, int DefaultMinutes, int GraceMinutes);

public sealed record TraineeCheckInViewModel(IReadOnlyList<OpenCheckInItem> Open, int? SessionId, string? Code, CheckInOutcome? Outcome);

/// <summary>
/// Live check-in. The instructor's screen (code and QR code rotating, count of check-ins, open and close the window) and
/// the trainee's page (type the code, or open the QR link and confirm).
/// </summary>
public sealed class CheckInController(TrainingHubDbContext db, TimeProvider time, IOptions<CheckInOptions> options, IConfiguration config, IAuditActor actor,
    IStringLocalizer<SharedResource> t) : Controller
{
    private const string ScreenView = "CheckInScreen";
    private const string TraineeView = "CheckIn";

    /// <summary>The address people reach the app at: App:PublicUrl, or this request's own.</summary>
    internal static string BaseUrl(IConfiguration config, HttpRequest request) =>
        config["App:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : $"{request.Scheme}://{request.Host}";

    /// <param name="guest">An open event's session: the guest page, where people without an account check in.</param>
    internal static string Link(string baseUrl, int sessionId, string? code, bool guest = false)
    {
        var page = guest ? "checkin/guest" : "checkin";
        return code is null
            ? string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/{page}?s={sessionId}")
            : string.Create(CultureInfo.InvariantCulture, $"{baseUrl}/{page}?s={sessionId}&code={code}");
    }

    internal static string QrDataUri(string link) => "data:image/png;base64," + Convert.ToBase64String(Pdf.QrPng(link, 8));

    [HttpGet("sessions/{id:int}/checkin")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> Screen(int id, CancellationToken ct)
    {
        if (await GetCheckInScreen.HandleAsync(db, User.Scope(), time, id, ct) is not { } model)
        {
            return NotFound();
        }

        var link = model.Open is { } w ? Link(BaseUrl(config, Request), id, w.Code, model.OpenEvent) : null;
        return View(ScreenView, new CheckInScreenViewModel(model, link is null ? null : QrDataUri(link), link, options.Value.WindowMinutes, options.Value.GraceMinutes));
    }

    /// <summary>What the screen's script refreshes: the code (with its QR code when it changed since <paramref name="have"/>), the count, the time left.</summary>
    [HttpGet("sessions/{id:int}/checkin/live")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> Live(int id, string? have, CancellationToken ct)
    {
        if (await GetCheckInScreen.HandleAsync(db, User.Scope(), time, id, ct) is not { } m)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        var w = m.Open;
        var link = w is null ? null : Link(BaseUrl(config, Request), id, w.Code, m.OpenEvent);
        return Json(new
        {
            open = w is not null,
            code = w?.Code,
            qr = w is not null && w.Code != have ? QrDataUri(link!) : null,
            link,
            secondsLeft = w?.SecondsLeft,
            closesInSeconds = w is null ? (int?)null : (int)Math.Ceiling((w.ClosesAt - m.Now).TotalSeconds),
            checkedIn = m.CheckedIn,
            confirmed = m.Confirmed,
            late = m.Late,
            seated = m.Seated,
            countText = CountText(m, t),
        });
    }

    /// <summary>"3 of 20 checked in"; at an open event, whose guests hold no seat, only "23 checked in".</summary>
    internal static string CountText(CheckInScreen m, IStringLocalizer t)
    {
        var confirmation = m.Open?.Kind == CheckInKind.Confirmation;
        return m.OpenEvent
            ? (confirmation ? t.Count("OpenEvent.CountConfirmed", m.Confirmed) : t.Count("OpenEvent.Count", m.CheckedIn)).Value
            : (confirmation ? t["CheckIn.CountConfirmed", m.Confirmed, m.Seated] : t["CheckIn.Count", m.CheckedIn, m.Seated]).Value;
    }

    [HttpPost("sessions/{id:int}/checkin/open")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> Open(int id, CheckInKind kind, int? minutes, CancellationToken ct)
    {
        var result = await OpenCheckIn.HandleAsync(db, User.Scope(), time, options.Value,
            new OpenCheckInRequest(id, kind, minutes, Link(BaseUrl(config, Request), id, null)), ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/sessions/{id}/checkin");
        }

        TempData["Flash"] = t["CheckIn.Opened"].Value;
        return Redirect($"/sessions/{id}/checkin");
    }

    /// <summary>Marks the session an open event (guests check in without an account) or no longer one.</summary>
    [HttpPost("sessions/{id:int}/checkin/open-event")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> OpenEvent(int id, bool open, CancellationToken ct)
    {
        var result = await SetOpenEvent.HandleAsync(db, User.Scope(), actor, time, id, open, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/sessions/{id}/checkin");
        }

        TempData["Flash"] = t[open ? "OpenEvent.Marked" : "OpenEvent.Unmarked"].Value;
        return Redirect($"/sessions/{id}/checkin");
    }

    [HttpPost("sessions/{id:int}/checkin/close")]
    [Authorize(Policy = Policies.InstructorOrAdministrator)]
    public async Task<IActionResult> Close(int id, CancellationToken ct)
    {
        var result = await CloseCheckIn.HandleAsync(db, User.Scope(), time, id, ct);
        if (!result.Succeeded)
        {
            return this.Flash(result.Error!, t, $"/sessions/{id}/checkin");
        }

        TempData["Flash"] = t["CheckIn.ClosedNow"].Value;
        return Redirect($"/sessions/{id}/checkin");
    }

    /// <summary>The trainee's page: the open check-ins of their classes and the code field (prefilled from the QR link).</summary>
    [HttpGet("checkin")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Index(int? s, string? code, CancellationToken ct) =>
        View(TraineeView, new TraineeCheckInViewModel(await GetOpenCheckIns.HandleAsync(db, User.Scope(), time, ct), s, CheckInCode.Normalize(code) is { Length: > 0 } c ? c : null, null));

    [HttpPost("checkin")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Submit(int? s, string? code, CancellationToken ct)
    {
        var result = await CheckIn.HandleAsync(db, User.Scope(), time, options.Value, new CheckInRequest(code, s), ct);
        var open = await GetOpenCheckIns.HandleAsync(db, User.Scope(), time, ct);
        return result.Succeeded
            ? View(TraineeView, new TraineeCheckInViewModel(open, s, null, result.Value))
            : this.Form(result.Error!, t, () => View(TraineeView, new TraineeCheckInViewModel(open, s, code, null)));
    }
}
