using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Text;

namespace OpsTower.Policy.Formats.Terraform;

/// <summary>'/'-separated relative paths, as the engine names files.</summary>
internal static class TerraformPaths
{
    public static string DirectoryOf(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path.Substring(0, slash);
    }

    public static string FileName(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    /// <summary>A local module source (<c>./x</c>, <c>../x</c>): Terraform reads those from disk, everything else is downloaded.</summary>
    public static bool IsLocalSource(string source) =>
        source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal)
        || source.StartsWith(".\\", StringComparison.Ordinal) || source.StartsWith("..\\", StringComparison.Ordinal);

    /// <summary>The folder a local source names, relative to the scan root, or null when it leaves the scanned tree.</summary>
    public static string? Resolve(string directory, string source) =>
        RelativePaths.Normalize(directory + "/" + source.Replace('\\', '/'));

    /// <summary>The path from one folder to another (both relative to the scan root), as Terraform writes <c>path.module</c>: "." when they are the same.</summary>
    public static string Relative(string from, string to)
    {
        string[] source = from.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        string[] target = to.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        int common = 0;
        while (common < source.Length && common < target.Length && source[common] == target[common]) common++;
        var parts = Enumerable.Repeat("..", source.Length - common).Concat(target.Skip(common)).ToList();
        return parts.Count == 0 ? "." : string.Join("/", parts);
    }
}
