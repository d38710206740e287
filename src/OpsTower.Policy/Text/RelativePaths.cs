using System.Collections.Generic;

namespace OpsTower.Policy.Text;

/// <summary>Paths relative to the scan root, '/'-separated, as the engine names files.</summary>
public static class RelativePaths
{
    /// <summary>
    /// Resolves <c>.</c> and <c>..</c> and drops empty segments: <c>a/./b/../c</c> is <c>a/c</c>, and the root itself
    /// is the empty string. Null when the path climbs above the root.
    /// </summary>
    public static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(part);
        }
        return string.Join("/", parts);
    }
}
