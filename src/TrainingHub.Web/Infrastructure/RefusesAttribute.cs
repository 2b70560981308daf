using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using TrainingHub.Core.Common;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// Declares, for the OpenAPI document, a kind of refusal an endpoint can answer with, as the problem document
/// <see cref="ErrorResponses"/> writes for it (400 with the fields, 404, 403, 409 or 429).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class RefusesAttribute(ErrorKind kind)
    : ProducesResponseTypeAttribute(typeof(ValidationProblemDetails), ErrorResponses.Status(kind), "application/problem+json")
{
    public ErrorKind Kind { get; } = kind;
}

/// <summary>
/// Declaring refusals (ours, or the 401 and 403 of <see cref="AuthorizationAnswers"/>) makes the API explorer stop
/// inferring the success answer from the return type; this puts it back (200 with the declared type) on actions that
/// declare refusals but no success of their own.
/// </summary>
public sealed class SuccessAlongsideRefusals : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var declared = action.Filters.OfType<IApiResponseMetadataProvider>().ToList();
        if (declared.Any(d => d.StatusCode >= 400) && !declared.Any(d => d.StatusCode is >= 200 and < 300))
        {
            action.Filters.Add(new ProducesResponseTypeAttribute(StatusCodes.Status200OK));
        }
    }
}
