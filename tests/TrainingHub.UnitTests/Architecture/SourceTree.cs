namespace TrainingHub.UnitTests.Architecture;

/// <summary>The repository's checkout, found by walking up from the test binaries to the solution file.</summary>
internal static class SourceTree
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Files under the folder, leaving out build output.</summary>
    public static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(f => !System.IO.Path.GetRelativePath(Root, f).Split(System.IO.Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or "node_modules"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TrainingHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TrainingHub.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
