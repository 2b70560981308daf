using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;

namespace TrainingHub.Web.Infrastructure;

public static class FieldErrors
{
    /// <summary>Puts a use case's field errors, translated, on the form's fields.</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(t);
        foreach (var e in errors)
        {
            modelState.AddModelError(e.Field, Message(e, t));
        }
    }

    public static string Message(FieldError e, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(t);
        // A count as the first argument takes the message's plural forms (Key.One, Key.Zero; see Plural).
        var localized = e.Args is [int count, .. var more] ? t.Count(e.Code, count, more) : t[e.Code, e.Args];
        // Identity errors already carry a translated description as their argument.
        return localized.ResourceNotFound && e.Code.StartsWith("Identity.", StringComparison.Ordinal) && e.Args.Length > 0
            ? e.Args[0].ToString() ?? e.Code
            : localized.Value;
    }
}
