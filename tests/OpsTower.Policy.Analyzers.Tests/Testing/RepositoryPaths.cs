using System.Runtime.CompilerServices;

namespace OpsTower.Policy.Analyzers.Tests.Testing;

/// <summary>Finds the clone (the folder holding OpsTower.Policy.sln) from the test output or this source file.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
        FindSolutionAbove(AppContext.BaseDirectory) ?? FindSolutionAbove(Path.GetDirectoryName(ThisSourceFile()))
        ?? throw new InvalidOperationException("No OpsTower.Policy.sln above " + AppContext.BaseDirectory + " or the test sources."));

    public static string Root => LazyRoot.Value;

    public static string InRepository(string relativePath) => Path.Combine(Root, relativePath);

    private static string? FindSolutionAbove(string? directory)
    {
        for (var dir = directory is null ? null : new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpsTower.Policy.sln"))) return dir.FullName;
        }
        return null;
    }

    private static string ThisSourceFile([CallerFilePath] string path = "") => path;
}
