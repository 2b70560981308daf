using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TrainingHub.Core.Common;
using TrainingHub.Web.Infrastructure;

namespace TrainingHub.UnitTests.Architecture;

/// <summary>The rules of the house that a compiler does not check: what depends on what, where things live, who may call what.</summary>
public class ArchitectureTests
{
    private static readonly Assembly Core = typeof(Hours).Assembly;
    private static readonly Assembly Web = typeof(FeatureViewLocations).Assembly;
    private const string WebPrefix = "TrainingHub.Web.";

    private static IEnumerable<Type> Controllers() =>
        Web.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ControllerBase).IsAssignableFrom(t));

    private static string WebFeatures => SourceTree.Path("src", "TrainingHub.Web", "Features");

    [Test]
    public void Core_never_references_the_web_host_or_the_seeding()
    {
        Core.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain("TrainingHub.Web");
        Core.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain("TrainingHub.Seeding");
        SourceTree.Files(SourceTree.Path("src", "TrainingHub.Core"), "*.cs")
            .Where(f => File.ReadLines(f).Any(l => l.StartsWith("using TrainingHub.Web", StringComparison.Ordinal)))
            .ShouldBeEmpty();
    }

    [Test]
    public void Every_feature_of_the_web_host_has_its_folder_in_core()
    {
        var features = Directory.GetDirectories(WebFeatures).Select(Path.GetFileName).Where(f => f != "Shared").ToList();
        features.ShouldNotBeEmpty();
        features.Where(f => !Directory.Exists(SourceTree.Path("src", "TrainingHub.Core", f!))).ShouldBeEmpty();
    }

    [Test]
    public void Every_view_sits_in_the_folder_of_a_controller_that_renders_it()
    {
        // FeatureViewLocations: a controller's views are in the folder named by its namespace.
        var folders = Controllers().Select(c => c.Namespace!).Where(ns => ns.StartsWith(WebPrefix, StringComparison.Ordinal))
            .Select(ns => Path.Combine([SourceTree.Path("src", "TrainingHub.Web"), .. ns[WebPrefix.Length..].Split('.')]))
            .ToHashSet(StringComparer.Ordinal);
        var views = SourceTree.Files(WebFeatures, "*.cshtml")
            .Where(v => !Path.GetFileName(v).StartsWith("_View", StringComparison.Ordinal))
            .Where(v => Path.GetRelativePath(WebFeatures, v).Split(Path.DirectorySeparatorChar)[0] != "Shared")
            .ToList();
        views.ShouldNotBeEmpty();
        views.Where(v => !folders.Contains(Path.GetDirectoryName(v)!)).Select(v => Path.GetRelativePath(SourceTree.Root, v)).ShouldBeEmpty();
    }

    [Test]
    public void Every_controller_says_who_may_call_it()
    {
        static bool Says(MemberInfo m) =>
            m.GetCustomAttributes<AllowAnonymousAttribute>(inherit: true).Any()
            || m.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Any(a => !string.IsNullOrEmpty(a.Policy));

        var controllers = Controllers().ToList();
        controllers.Count.ShouldBeGreaterThan(10);
        var unsaid = from c in controllers
                     where !Says(c)
                     from action in c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                     where !action.IsSpecialName && !action.IsDefined(typeof(NonActionAttribute)) && !Says(action)
                     select $"{c.Name}.{action.Name}";
        unsaid.ShouldBeEmpty();
    }
}
