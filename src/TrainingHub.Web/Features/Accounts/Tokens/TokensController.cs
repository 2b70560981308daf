using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Accounts;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Accounts.Tokens;

public sealed record TokensViewModel(IReadOnlyList<ApiTokenRow> Tokens, string? NewToken, string? Error);

/// <summary>Personal API tokens: create (shown once), list, revoke.</summary>
[Route("account/tokens")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class TokensController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new TokensViewModel(await ListApiTokens.HandleAsync(db, User.Scope().UserId, ct), null, null));

    [HttpPost("")]
    public async Task<IActionResult> Create(string? name, int? days, CancellationToken ct)
    {
        var userId = User.Scope().UserId;
        var result = await IssueApiToken.HandleAsync(db, userId, name, days, time, ct);
        return View("Index", new TokensViewModel(await ListApiTokens.HandleAsync(db, userId, ct), result.Value?.Token,
            result.Succeeded ? null : ErrorResponses.Message(result.Error!, t)));
    }

    [HttpPost("{id:int}/revoke")]
    public async Task<IActionResult> Revoke(int id, CancellationToken ct)
    {
        await RevokeApiToken.HandleAsync(db, User.Scope().UserId, id, time, ct);
        TempData["Flash"] = t["ApiToken.Revoked"].Value;
        return Redirect("/account/tokens");
    }
}
