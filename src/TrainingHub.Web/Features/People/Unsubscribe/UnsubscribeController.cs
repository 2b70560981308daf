using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Audit;
using TrainingHub.Core.Data;
using TrainingHub.Core.Notifications;
using TrainingHub.Core.People;

namespace TrainingHub.Web.Features.People.Unsubscribe;

public enum UnsubscribeState
{
    Confirm,
    Done,
    Invalid,
}

public sealed record UnsubscribeViewModel(UnsubscribeState State, int? PersonId, string? Token);

/// <summary>
/// The link in non-essential emails (List-Unsubscribe, RFC 8058). GET shows what will happen and a button; POST
/// opts the person out, whether it comes from that button or straight from a mail client (one-click, no antiforgery
/// token: the link's own token is what proves it was sent to this person).
/// </summary>
[Route("unsubscribe")]
public sealed class UnsubscribeController(TrainingHubDbContext db, IUnsubscribeTokens tokens, IAuditActor actor) : Controller
{
    [HttpGet("")]
    [AllowAnonymous]
    public IActionResult Index(int? p, string? t) => Valid(p, t)
        ? View(new UnsubscribeViewModel(UnsubscribeState.Confirm, p, t))
        : Invalid();

    [HttpPost("")]
    [AllowAnonymous]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> Confirm(int? p, string? t, CancellationToken ct)
    {
        // Mail clients post "List-Unsubscribe=One-Click" to the link itself (p and t in the query); the page's button posts them as fields.
        if (!Valid(p, t))
        {
            return Invalid();
        }

        actor.Reason = "Unsubscribe link";
        return await OptOutOfOptionalEmails.HandleAsync(db, p!.Value, ct)
            ? View("Index", new UnsubscribeViewModel(UnsubscribeState.Done, p, null))
            : Invalid();
    }

    private bool Valid(int? p, string? t) => p is { } id && tokens.IsValid(id, t);

    private ViewResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("Index", new UnsubscribeViewModel(UnsubscribeState.Invalid, null, null));
    }
}
