using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TrainingHub.Core.Certificates;
using TrainingHub.Core.Data;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Certificates.Verify;

public sealed record VerifyViewModel(string? Input, VerificationResult? Result);

/// <summary>
/// The public verification page (no sign-in): type or scan a certificate's or transcript's code and see its status.
/// Rate-limited per client address; every miss looks the same (see <see cref="VerifyCertificate"/>).
/// </summary>
[Route("verify")]
public sealed class VerifyController(TrainingHubDbContext db, TimeProvider time, IConfiguration config) : Controller
{
    [HttpGet("")]
    [AllowAnonymous]
    [EnableRateLimiting(HostSetup.VerifyRateLimit)]
    public async Task<IActionResult> Index(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return View(new VerifyViewModel(null, null));
        }

        return await Show(code, ct);
    }

    [HttpGet("{code}")]
    [AllowAnonymous]
    [EnableRateLimiting(HostSetup.VerifyRateLimit)]
    public async Task<IActionResult> Show(string code, CancellationToken ct)
    {
        var result = await VerifyCertificate.HandleAsync(db, time, code, MinimumDuration(config), ct);
        Response.Headers.CacheControl = "no-store";
        Response.StatusCode = result.Found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
        return View("Index", new VerifyViewModel(code, result));
    }

    /// <summary>Every lookup takes at least this long (<c>Certificates:VerifyMinimumMilliseconds</c>, 60 by default).</summary>
    public static TimeSpan MinimumDuration(IConfiguration config) =>
        TimeSpan.FromMilliseconds(Math.Clamp(config.GetValue("Certificates:VerifyMinimumMilliseconds", 60), 0, 2000));
}
