using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OpsTower.Policy.Engine.Discovery;

/// <summary>A file found under the scan paths.</summary>
public sealed record DiscoveredFile(string FullPath, string RelativePath);

/// <summary>Where to look and what to leave out.</summary>
public sealed class DiscoveryOptions
{
    /// <summary>Folder names never entered, wherever they are.</summary>
    public static readonly IReadOnlyList<string> DefaultExcludedDirectories = new[] { ".git", "bin", "obj", "node_modules" };

    public IReadOnlyList<string> ExcludedDirectories { get; init; } = DefaultExcludedDirectories;

    /// <summary>Extra gitignore-style patterns, relative to the scan root.</summary>
    public IReadOnlyList<string> ExcludePatterns { get; init; } = Array.Empty<string>();

    public bool HonourGitIgnore { get; init; } = true;
}

/// <summary>
/// Walks the scan paths and lists files in ordinal order of their relative paths. Honours every .gitignore from
/// the repository's top (the nearest folder above with a .git) down, and never follows symbolic links to folders.
/// Files named explicitly are always listed.
/// </summary>
public static class FileDiscovery
{
    /// <param name="root">The folder reported paths are relative to.</param>
    /// <param name="paths">Files and folders, absolute or relative to the current folder.</param>
    public static IReadOnlyList<DiscoveredFile> Discover(string root, IEnumerable<string> paths, DiscoveryOptions? options = null)
    {
        options ??= new DiscoveryOptions();
        string fullRoot = Path.GetFullPath(root);
        var found = new SortedDictionary<string, DiscoveredFile>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            string full = Path.GetFullPath(path);
            if (File.Exists(full))
            {
                var file = new DiscoveredFile(full, Relative(fullRoot, full));
                found[file.RelativePath] = file;
            }
            else if (Directory.Exists(full))
            {
                var ignores = options.HonourGitIgnore ? AncestorIgnores(full) : new List<GitIgnore>();
                if (options.ExcludePatterns.Count > 0) ignores.Insert(0, new GitIgnore(Slashes(fullRoot), string.Join("\n", options.ExcludePatterns)));
                Walk(fullRoot, full, ignores, options, found);
            }
            else
            {
                throw new FileNotFoundException($"No file or folder '{path}'.", full);
            }
        }
        return found.Values.ToList();
    }

    /// <summary>The path of <paramref name="full"/> relative to <paramref name="root"/>, with '/' separators.</summary>
    public static string Relative(string root, string full)
    {
        string normalizedRoot = Slashes(root).TrimEnd('/');
        string normalizedFull = Slashes(full);
        if (normalizedFull == normalizedRoot) return "";
        return normalizedFull.StartsWith(normalizedRoot + "/", StringComparison.Ordinal)
            ? normalizedFull.Substring(normalizedRoot.Length + 1)
            : normalizedFull;
    }

    private static void Walk(string root, string directory, List<GitIgnore> ignores, DiscoveryOptions options, SortedDictionary<string, DiscoveredFile> found)
    {
        var local = ignores;
        string ignoreFile = Path.Combine(directory, ".gitignore");
        if (options.HonourGitIgnore && File.Exists(ignoreFile))
        {
            local = new List<GitIgnore>(ignores) { new GitIgnore(Slashes(directory), File.ReadAllText(ignoreFile)) };
        }

        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(directory).ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return;
        }

        foreach (string entry in entries)
        {
            string relative = Relative(root, entry);
            string name = Path.GetFileName(entry);
            bool isDirectory = Directory.Exists(entry);
            if (isDirectory)
            {
                if (options.ExcludedDirectories.Contains(name, StringComparer.Ordinal)) continue;
                if ((File.GetAttributes(entry) & FileAttributes.ReparsePoint) != 0) continue;
                if (IsIgnored(local, Slashes(entry), true)) continue;
                Walk(root, entry, local, options, found);
            }
            else if (!IsIgnored(local, Slashes(entry), false))
            {
                found[relative] = new DiscoveredFile(entry, relative);
            }
        }
    }

    private static string Slashes(string fullPath) => fullPath.Replace('\\', '/');

    private static bool IsIgnored(List<GitIgnore> ignores, string fullPath, bool isDirectory)
    {
        // Deeper .gitignore files come later in the list and take precedence.
        for (int i = ignores.Count - 1; i >= 0; i--)
        {
            bool? verdict = ignores[i].IsIgnored(fullPath, isDirectory);
            if (verdict.HasValue) return verdict.Value;
        }
        return false;
    }

    /// <summary>The .gitignore files from the repository top down to the scanned folder, exclusive (Walk reads that one).</summary>
    private static List<GitIgnore> AncestorIgnores(string directory)
    {
        var chain = new List<string>();
        for (var dir = Directory.GetParent(directory); dir is not null; dir = dir.Parent)
        {
            chain.Add(dir.FullName);
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))) break;
            if (Directory.GetParent(dir.FullName) is null) { chain.Clear(); break; }
        }
        if (Directory.Exists(Path.Combine(directory, ".git"))) chain.Clear();
        chain.Reverse();
        var ignores = new List<GitIgnore>();
        foreach (string dir in chain)
        {
            string file = Path.Combine(dir, ".gitignore");
            if (File.Exists(file)) ignores.Add(new GitIgnore(Slashes(dir), File.ReadAllText(file)));
        }
        return ignores;
    }
}
