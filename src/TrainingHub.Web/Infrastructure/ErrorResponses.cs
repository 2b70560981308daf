using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// The one place that turns a use case's <see cref="Error"/> into an answer: an RFC 9457 problem for the API, and for
/// screens the 404 or 403 page, the messages on the form's fields, or a flash message. Controllers never look at
/// error codes; the kind decides the status, so the same situation answers the same on every endpoint and screen.
/// </summary>
public static class ErrorResponses
{
    public static int Status(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorKind.TooEarly => StatusCodes.Status409Conflict,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Every 429 says when to try again: the error's own delay (a minute when it has none), in whole seconds.</summary>
    public static void RetryAfter(HttpResponse response, Error error)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        if (error.Kind == ErrorKind.RateLimited)
        {
            var wait = error.RetryAfter ?? TimeSpan.FromMinutes(1);
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The problem document for an error: its status, a translated title, and each message under "errors" by field.</summary>
    public static ValidationProblemDetails ProblemDetails(Error error, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(t);
        return new ValidationProblemDetails(error.Fields.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => FieldErrors.Message(e, t)).ToArray()))
        {
            Status = Status(error.Kind),
            Title = t["Problem." + error.Kind].Value,
            Detail = error.Kind == ErrorKind.Validation || error.Fields.Count == 0 ? null : FieldErrors.Message(error.Fields[0], t),
        };
    }

    /// <summary>The API's answer to a failed use case.</summary>
    public static ActionResult Problem(this ControllerBase controller, Error error, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var problem = ProblemDetails(error, t);
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? controller.HttpContext.TraceIdentifier;
        RetryAfter(controller.Response, error);
        return new ObjectResult(problem)
        {
            StatusCode = problem.Status,
            ContentTypes = { "application/problem+json", "application/json" },
        };
    }

    /// <summary>
    /// A request refused by the host before any action ran (a page number out of range, an upload over the limit):
    /// the API answers the problem document, a screen the error page listing what was wrong. <paramref name="status"/>
    /// overrides the kind's status (413 for a body too large).
    /// </summary>
    public static IActionResult Refusal(ActionContext context, Error error, IStringLocalizer t, int? status = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        var code = status ?? Status(error.Kind);
        var http = context.HttpContext;
        RetryAfter(http.Response, error);
        var api = ApiProblems.IsApi(http)
            || (context.ActionDescriptor is Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor action && typeof(ApiControllerBase).IsAssignableFrom(action.ControllerTypeInfo));
        if (!api)
        {
            var viewData = new ViewDataDictionary<int>(http.RequestServices.GetRequiredService<IModelMetadataProvider>(), context.ModelState) { Model = code };
            viewData["Reasons"] = error.Fields.Select(e => FieldErrors.Message(e, t)).ToList();
            return new ViewResult { ViewName = "Error", ViewData = viewData, StatusCode = code };
        }

        var problem = ProblemDetails(error, t);
        problem.Status = code;
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier;
        return new ObjectResult(problem) { StatusCode = code, ContentTypes = { "application/problem+json", "application/json" } };
    }

    /// <summary>A refusal found by the host itself (a bad upload, an expired import) answered like a use case's.</summary>
    public static ActionResult Problem(this ControllerBase controller, FieldError error, IStringLocalizer t) =>
        controller.Problem(Error.Validation([error]), t);

    /// <summary>
    /// For screens, a whole page: the 404 page when the thing is missing (or outside the reader's scope), the 403 page
    /// when it is not theirs to change, and for the other kinds the error page with that status.
    /// </summary>
    public static IActionResult Page(this Controller controller, Error error)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(error);
        RetryAfter(controller.Response, error);
        return error.Kind switch
        {
            ErrorKind.NotFound => controller.NotFound(),
            ErrorKind.Forbidden => controller.Forbid(),
            _ => controller.StatusCode(Status(error.Kind)),
        };
    }

    /// <summary>Whether a screen answers the error with a whole page (404, 403) rather than by explaining it on the screen.</summary>
    public static bool EndsTheScreen(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Kind is ErrorKind.NotFound or ErrorKind.Forbidden;
    }

    /// <summary>
    /// For a form: the 404 or 403 page, or else the messages on their fields (named <paramref name="prefix"/> + field;
    /// messages about the whole request go to the summary), the status set to 400, 409 or 429, and the form drawn again.
    /// </summary>
    public static IActionResult Form(this Controller controller, Error error, IStringLocalizer t, Func<IActionResult> redraw, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(redraw);
        return controller.ExplainOnForm(error, t, prefix) ?? redraw();
    }

    /// <summary>As <see cref="Form"/>, for a form drawn asynchronously.</summary>
    public static async Task<IActionResult> FormAsync(this Controller controller, Error error, IStringLocalizer t, Func<Task<IActionResult>> redraw, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(redraw);
        return controller.ExplainOnForm(error, t, prefix) ?? await redraw();
    }

    /// <summary>The 404 or 403 page; or null once the messages are on their fields and the status is set, for the form to be drawn.</summary>
    private static IActionResult? ExplainOnForm(this Controller controller, Error error, IStringLocalizer t, string prefix)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (EndsTheScreen(error))
        {
            return controller.Page(error);
        }

        controller.ModelState.AddFieldErrors(error.Fields.Select(e => e with { Field = e.Field.Length == 0 ? "" : prefix + e.Field }), t);
        controller.Response.StatusCode = Status(error.Kind);
        RetryAfter(controller.Response, error);
        return null;
    }

    /// <summary>For an action that answers with a redirect: the 404 or 403 page, or else the first message as the flash and the redirect.</summary>
    public static IActionResult Flash(this Controller controller, Error error, IStringLocalizer t, string redirectTo)
    {
        ArgumentNullException.ThrowIfNull(controller);
        if (EndsTheScreen(error))
        {
            return controller.Page(error);
        }

        controller.TempData["Flash"] = Message(error, t);
        return controller.Redirect(redirectTo);
    }

    /// <summary>The first message of an error, translated: what a flash or a page's notice says.</summary>
    public static string Message(Error error, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Fields.Count == 0 ? t["Problem." + error.Kind].Value : FieldErrors.Message(error.Fields[0], t);
    }
}
