using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Dockerfile;

namespace OpsTower.Policy.Rules.Dockerfile;

/// <summary>What an ADD source is: ADD downloads URLs, clones Git repositories, and unpacks local tar archives.</summary>
internal static class AddSources
{
    /// <summary>The source tokens of an ADD (every argument but the destination).</summary>
    public static IEnumerable<DockerToken> Of(DockerInstruction add) =>
        add.Arguments.Count < 2 ? Enumerable.Empty<DockerToken>() : add.Arguments.Take(add.Arguments.Count - 1);

    public static bool IsGit(string source) =>
        source.StartsWith("git@", StringComparison.Ordinal)
        || source.StartsWith("git://", StringComparison.OrdinalIgnoreCase)
        || source.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase)
        || (IsHttp(source) && (StripFragment(source).EndsWith(".git", StringComparison.OrdinalIgnoreCase)));

    public static bool IsHttp(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public static bool IsRemote(string source) => IsHttp(source) || IsGit(source);

    /// <summary>True for a Git source whose <c>#ref</c> is a full commit hash.</summary>
    public static bool IsPinnedToCommit(string gitSource)
    {
        int hash = gitSource.IndexOf('#');
        if (hash < 0) return false;
        string reference = gitSource.Substring(hash + 1);
        int colon = reference.IndexOf(':');
        if (colon >= 0) reference = reference.Substring(0, colon);
        return reference.Length == 40 && reference.All(Uri.IsHexDigit);
    }

    private static string StripFragment(string url)
    {
        int hash = url.IndexOf('#');
        return hash < 0 ? url : url.Substring(0, hash);
    }
}
