using System;
using System.Collections.Generic;
using System.Linq;
using OpsTower.Policy.Formats.Kubernetes;

namespace OpsTower.Policy.Rules.Kubernetes;

/// <summary>Facts about container images, environment values and names that the Kubernetes and compose rules share.</summary>
internal static class WorkloadFacts
{
    /// <summary>Every container of every pod spec, init and ephemeral ones included.</summary>
    public static IEnumerable<Container> Containers(KubernetesFile file) => file.PodSpecs.SelectMany(p => p.Containers);

    /// <summary>The tag of an image reference, or null (a registry port is not a tag).</summary>
    public static string? ImageTag(string image)
    {
        int at = image.IndexOf('@');
        string name = at < 0 ? image : image.Substring(0, at);
        int colon = name.IndexOf(':', name.LastIndexOf('/') + 1);
        return colon < 0 ? null : name.Substring(colon + 1);
    }

    public static bool HasDigest(string image) => image.IndexOf("@sha256:", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>An image written with a variable (<c>${TAG}</c>, <c>$TAG</c>) is resolved elsewhere, so it is not judged.</summary>
    public static bool IsInterpolated(string value) => value.IndexOf('$') >= 0;

    /// <summary>
    /// A name that holds a secret: it contains one of <paramref name="patterns"/> (any case) and does not end with
    /// one of <paramref name="ignoredSuffixes"/> (POSTGRES_PASSWORD_FILE points at a secret, it is not one).
    /// </summary>
    public static bool IsSensitiveName(string name, IReadOnlyList<string> patterns, IReadOnlyList<string> ignoredSuffixes)
    {
        string upper = name.ToUpperInvariant();
        if (ignoredSuffixes.Any(s => upper.EndsWith(s.ToUpperInvariant(), StringComparison.Ordinal))) return false;
        return patterns.Any(p => upper.IndexOf(p.ToUpperInvariant(), StringComparison.Ordinal) >= 0);
    }

    /// <summary>
    /// The start and length of a password written in a URL (<c>postgres://user:password@host</c>), or null. A
    /// password that is a variable reference (<c>$DB_PASSWORD</c>, <c>${…}</c>) is not a literal.
    /// </summary>
    public static (int Start, int Length)? UrlPassword(string value)
    {
        int scheme = value.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return null;
        int authority = scheme + 3;
        int authorityEnd = value.IndexOfAny(new[] { '/', '?', '#' }, authority);
        if (authorityEnd < 0) authorityEnd = value.Length;
        int at = value.LastIndexOf('@', authorityEnd - 1, authorityEnd - authority);
        if (at < 0) return null;
        int colon = value.IndexOf(':', authority, at - authority);
        if (colon < 0 || colon + 1 == at) return null;
        string password = value.Substring(colon + 1, at - colon - 1);
        return password.StartsWith("$", StringComparison.Ordinal) ? null : (colon + 1, password.Length);
    }

    /// <summary>Capability names with or without the CAP_ prefix, in any case.</summary>
    public static bool SameCapability(string a, string b) =>
        string.Equals(StripCapPrefix(a), StripCapPrefix(b), StringComparison.OrdinalIgnoreCase);

    private static string StripCapPrefix(string capability) =>
        capability.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? capability.Substring(4) : capability;

    /// <summary>
    /// Matches <paramref name="text"/> against a pattern where <c>*</c> is any run of characters and <c>?</c> one
    /// character (ordinal, case-insensitive). Dynamic programming over both strings: no backtracking.
    /// </summary>
    public static bool WildcardMatches(string pattern, string text)
    {
        var matches = new bool[text.Length + 1];
        matches[0] = true;
        foreach (char p in pattern)
        {
            if (p == '*')
            {
                for (int i = 1; i <= text.Length; i++) matches[i] |= matches[i - 1];
                continue;
            }
            for (int i = text.Length; i >= 1; i--)
                matches[i] = matches[i - 1] && (p == '?' || char.ToUpperInvariant(p) == char.ToUpperInvariant(text[i - 1]));
            matches[0] = false;
        }
        return matches[text.Length];
    }
}
