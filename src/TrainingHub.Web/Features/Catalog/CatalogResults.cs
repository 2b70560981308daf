using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.Web.Features.Catalog;

/// <summary>How the catalogue's controllers turn a use case's errors into a response.</summary>
public static class CatalogResults
{
    /// <summary>A thing outside the reader's scope is reported as missing, never as "forbidden", so its existence does not leak.</summary>
    public static bool IsNotFound<T>(Result<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors.Any(e => e.Field.Length == 0 && e.Code.EndsWith(".NotFound", StringComparison.Ordinal));
    }

    /// <summary>The API's answer to a failed change: 404 when not found (or out of scope), else a problem naming each field.</summary>
    public static ActionResult ApiFailure<T>(this ControllerBase controller, Result<T> result, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(result);
        return IsNotFound(result) ? controller.NotFound() : controller.Problem(result.Errors, t);
    }

    /// <summary>Puts the errors on a form whose fields are named "Form.X"; errors about the whole thing go to the summary.</summary>
    public static void AddFormErrors<T>(this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, Result<T> result, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(result);
        state.Clear();
        state.AddFieldErrors(result.Errors.Select(e => e with { Field = e.Field.Length == 0 ? "" : "Form." + e.Field }), t);
    }
}
