using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Account;

/// <summary>LGPD: the signed-in person downloads everything held about them, as JSON; nothing about anyone else.</summary>
public sealed class MyDataController(TrainingHubDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : Controller
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [HttpGet("account/my-data")]
    [HttpGet("api/v1/me/data")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Download(CancellationToken ct)
    {
        var result = await ExportMyData.HandleAsync(db, User.Scope(), time, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Errors, t);
        }

        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(result.Value, Indented), "application/json", "my-data.json");
    }
}
