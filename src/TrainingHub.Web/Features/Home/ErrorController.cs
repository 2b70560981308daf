using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Home;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    /// <summary>The error page; for an API call, the problem document in the caller's language instead.</summary>
    [Route("error/{status:int?}")]
    public IActionResult Index(int? status, [FromServices] IStringLocalizer<SharedResource> t)
    {
        var code = status ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        if (ApiProblems.IsApi(HttpContext))
        {
            return new ObjectResult(ApiProblems.For(HttpContext, code, t)) { StatusCode = code, ContentTypes = { "application/problem+json" } };
        }

        return View("Error", code);
    }
}
