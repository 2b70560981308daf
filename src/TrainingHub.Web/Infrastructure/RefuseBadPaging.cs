using System.Globalization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;
using TrainingHub.Core.Common;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// The one rule for paging on every list, screen and API: <c>page</c> is a whole number from 1 to
/// <see cref="Paging.MaxPage"/> and <c>pageSize</c> one from 1 to <see cref="Paging.MaxPageSize"/>; anything else is
/// refused with 400 naming the parameter, before model binding's own (untranslated) complaint or any query runs.
/// </summary>
public sealed class RefuseBadPaging(IStringLocalizer<SharedResource> t) : IActionFilter
{
    private static readonly (string Name, int Max)[] Bounds = [("page", Paging.MaxPage), ("pageSize", Paging.MaxPageSize)];

    /// <summary>The filter's order: before the API's automatic model-state answer (order -2000).</summary>
    public const int Order = -3000;

    public void OnActionExecuting(ActionExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<FieldError>();
        foreach (var (name, max) in Bounds)
        {
            if (!context.ActionDescriptor.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                || !context.HttpContext.Request.Query.TryGetValue(name, out var values))
            {
                continue;
            }

            if (values.Any(v => !string.IsNullOrWhiteSpace(v)
                    && (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 1 || n > max)))
            {
                errors.Add(new FieldError(name, "Paging.OutOfRange", name, max));
            }
        }

        if (errors.Count > 0)
        {
            context.Result = ErrorResponses.Refusal(context, Error.Validation(errors), t);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
