using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Whatever goes wrong under <c>/api</c> (no or a bad token, no access, an unknown address or method, a body too large
/// or of the wrong type, too many requests, a server error) is answered with an RFC 9457 problem document in the
/// caller's language, never the HTML error page, and never a redirect to the sign-in page.
/// </summary>
public static class ApiProblems
{
    /// <summary>Whether the request, or the one whose error is being answered (status page, exception handler), is an API call.</summary>
    public static bool IsApi(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var path = http.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? http.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? http.Request.Path.Value;
        return new PathString(path).StartsWithSegments("/api");
    }

    /// <summary>The translated title of a status: the kinds' titles where they match, a sentence of its own otherwise.</summary>
    public static string Title(int status, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return status switch
        {
            StatusCodes.Status400BadRequest => t["Problem.Validation"].Value,
            StatusCodes.Status403Forbidden => t["Problem.Forbidden"].Value,
            StatusCodes.Status404NotFound => t["Problem.NotFound"].Value,
            StatusCodes.Status409Conflict => t["Problem.Conflict"].Value,
            StatusCodes.Status429TooManyRequests => t["Problem.RateLimited"].Value,
            StatusCodes.Status503ServiceUnavailable => t["Problem.Busy"].Value,
            StatusCodes.Status401Unauthorized or StatusCodes.Status405MethodNotAllowed or StatusCodes.Status406NotAcceptable
                or StatusCodes.Status413PayloadTooLarge or StatusCodes.Status415UnsupportedMediaType
                => t["Problem.Http" + status.ToString(CultureInfo.InvariantCulture)].Value,
            >= 500 => t["Problem.Http500"].Value,
            _ => t["Problem.Validation"].Value,
        };
    }

    /// <summary>The problem document for a bare status, titled in the caller's language.</summary>
    public static ProblemDetails For(HttpContext http, int status, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(http);
        var problem = new ProblemDetails { Status = status, Title = Title(status, t) };
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier;
        return problem;
    }

    /// <summary>Writes the problem document for a bare status (used outside MVC: the rate limiter).</summary>
    public static Task WriteAsync(HttpContext http, int status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(For(http, status, t), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", ct);
    }

    /// <summary>
    /// The framework's own problem documents (an action's bare <c>NotFound()</c>, 415, a body that does not bind) get
    /// their title in the caller's language; the ones our code writes already have theirs.
    /// </summary>
    public static void Translate(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        if (problem.Status is { } status && problem.Type is { } type && type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Title = Title(status, context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>());
        }
    }
}

/// <summary>The Accept-Language header chooses the language of API answers (screens keep the site's default and the person's choice).</summary>
public sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        ApiProblems.IsApi(httpContext) ? base.DetermineProviderCultureResult(httpContext) : Task.FromResult<ProviderCultureResult?>(null);
}
