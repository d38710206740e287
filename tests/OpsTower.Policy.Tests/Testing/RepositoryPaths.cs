using System.Runtime.CompilerServices;

namespace OpsTower.Policy.Tests.Testing;

/// <summary>Finds the repository root and the reference material in <c>../shared</c> beside it.</summary>
public static class RepositoryPaths
{
    // The build output may sit outside the clone (--artifacts-path), so this source file's own path is the fallback.
    private static readonly Lazy<string> LazyRoot = new(() =>
        FindSolutionAbove(AppContext.BaseDirectory) ?? FindSolutionAbove(Path.GetDirectoryName(ThisSourceFile()))
        ?? throw new InvalidOperationException("No OpsTower.Policy.sln above " + AppContext.BaseDirectory + " or the test sources."));

    /// <summary>The folder holding OpsTower.Policy.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>
    /// A path inside the <c>shared</c> folder that CI lays beside the clone, or null when it is absent (a user's
    /// clone): tests that need it then skip with a message that says so.
    /// </summary>
    public static string? Shared(string relativePath)
    {
        string? parent = Path.GetDirectoryName(Root);
        if (parent is null) return null;
        string path = Path.Combine(parent, "shared", relativePath);
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

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
