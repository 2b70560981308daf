using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Common;
using TrainingHub.Core.Data;
using TrainingHub.Core.People;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.People.MyData;

/// <summary>LGPD: the signed-in person downloads everything held about them, as JSON, and their hour transcript as a PDF; nothing about anyone else.</summary>
public sealed class MyDataController(TrainingHubDbContext db, TimeProvider time, IssueSettings settings, PrivacySettings privacy, IStringLocalizer<SharedResource> t) : Controller
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Everything held about the caller, as JSON (the same document the account page downloads).</summary>
    [HttpGet("api/v1/me/data")]
    [Authorize(Policy = Policies.SignedIn)]
    [ApiExplorerSettings(IgnoreApi = false)]
    [ProducesResponseType<Core.People.MyData>(StatusCodes.Status200OK, "application/json")]
    [Refuses(ErrorKind.NotFound)]
    public Task<IActionResult> DownloadOverApi(CancellationToken ct) => Download(ct);

    /// <summary>The privacy page of the account menu: what is held about the reader, until when, their rights, and the downloads.</summary>
    [HttpGet("account/privacy")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Privacy(CancellationToken ct)
    {
        var result = await GetMyPrivacy.HandleAsync(db, User.Scope(), privacy, ct);
        return View(result.Succeeded ? result.Value : null);
    }

    [HttpGet("account/my-data")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Download(CancellationToken ct)
    {
        var result = await ExportMyData.HandleAsync(db, User.Scope(), time, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        Response.Headers.CacheControl = "no-store";
        return File(JsonSerializer.SerializeToUtf8Bytes(result.Value, Indented), "application/json", "my-data.json");
    }

    /// <summary>The caller's own hour transcript (verifiable PDF) for a year, or all years when <paramref name="year"/> is empty.</summary>
    [HttpPost("account/my-data/transcript")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Transcript(int? year, CancellationToken ct)
    {
        var result = await GetMyTranscript.HandleAsync(db, User.Scope(), time, settings, year, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        Response.Headers.CacheControl = "no-store";
        return File(result.Value!.Content, "application/pdf", result.Value.FileName);
    }
}

/// <summary>The API twin of the transcript download: POST /api/v1/me/transcript?year=2025 (no year: all years), answered with the PDF.</summary>
[Route("api/v1/me")]
public sealed class MyDataApiController(TrainingHubDbContext db, TimeProvider time, IssueSettings settings, IStringLocalizer<SharedResource> t) : ApiControllerBase
{
    [HttpPost("transcript")]
    [Authorize(Policy = Policies.SignedIn)]
    [Refuses(ErrorKind.Validation)]
    [Refuses(ErrorKind.NotFound)]
    [Refuses(ErrorKind.Conflict)]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "application/pdf")]
    public async Task<IActionResult> Transcript(int? year, CancellationToken ct)
    {
        var result = await GetMyTranscript.HandleAsync(db, User.Scope(), time, settings, year, ct);
        if (!result.Succeeded)
        {
            return this.Problem(result.Error!, t);
        }

        Response.Headers.CacheControl = "no-store";
        return File(result.Value!.Content, "application/pdf", result.Value.FileName);
    }
}
