using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace TrainingHub.Web.Infrastructure;

/// <summary>
/// A controller's views sit in the controller's own folder: the views of
/// <c>TrainingHub.Web.Features.Catalog.Courses.CoursesController</c> are in <c>/Features/Catalog/Courses/</c>.
/// The folder comes from the controller's namespace, so moving a controller with its views needs no other change.
/// </summary>
public sealed class FeatureViewLocations : IViewLocationExpander
{
    private const string Key = "feature";
    private const string Prefix = "TrainingHub.Web.";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
            && action.ControllerTypeInfo.Namespace is { } ns && ns.StartsWith(Prefix, StringComparison.Ordinal))
        {
            context.Values[Key] = "/" + ns[Prefix.Length..].Replace('.', '/') + "/";
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var folder = context.Values.TryGetValue(Key, out var f) ? f : null;
        foreach (var location in viewLocations)
        {
            if (location.Contains("{feature}", StringComparison.Ordinal))
            {
                if (folder is not null)
                {
                    yield return location.Replace("{feature}", folder, StringComparison.Ordinal);
                }
            }
            else
            {
                yield return location;
            }
        }
    }
}
