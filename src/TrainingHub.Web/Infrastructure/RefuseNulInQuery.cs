using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// A NUL character in the query string (a search box, a filter) is refused before any action runs, naming the
/// parameter: PostgreSQL cannot take one in a text parameter and would answer a 500. One place for every list search.
/// The API answers problem details in the caller's language; a screen, a 400 page that names the field.
/// </summary>
public sealed class RefuseNulInQuery(IStringLocalizer<SharedResource> t) : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var (key, values) in context.HttpContext.Request.Query)
        {
            if (!key.Contains('\0', StringComparison.Ordinal) && !values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)))
            {
                continue;
            }

            var field = key.Replace("\0", "", StringComparison.Ordinal);
            var error = Error.Validation(field, SingleLine.Code);
            context.Result = context.Controller is ApiControllerBase api
                ? api.Problem(error, t)
                : new ContentResult
                {
                    StatusCode = StatusCodes.Status400BadRequest,
                    ContentType = "text/plain; charset=utf-8",
                    Content = $"{field}: {ErrorResponses.Message(error, t)}",
                };
            return;
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
