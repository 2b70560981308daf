using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Base of every <c>/api/v1</c> controller: JSON in and out, ProblemDetails errors. Calls with a personal API token
/// need no antiforgery token; calls riding on the sign-in cookie do (header X-CSRF-TOKEN) when they change anything.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken]
[ServiceFilter<CookieCsrfFilter>]
public abstract class ApiControllerBase : ControllerBase;

public sealed class CookieCsrfFilter(IAntiforgery antiforgery) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
        {
            context.Result = new ObjectResult(new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Missing or invalid antiforgery token",
                Detail = "Send the X-CSRF-TOKEN header with cookie-authenticated requests, or use a personal API token (Authorization: Bearer th_…).",
            })
            { StatusCode = StatusCodes.Status400BadRequest };
        }
    }
}
