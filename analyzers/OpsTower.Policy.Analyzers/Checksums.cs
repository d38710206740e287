using System;
using Microsoft.CodeAnalysis.Text;

namespace OpsTower.Policy.Analyzers;

internal static class Checksums
{
    /// <summary>The text's checksum (which the compiler computes when it reads a file) and its length, as a cache key.</summary>
    public static string Of(SourceText text)
    {
        var checksum = text.GetChecksum();
        return checksum.IsDefaultOrEmpty
            ? "len:" + text.Length + ":" + text.ToString().GetHashCode()
            : text.Length + ":" + Convert.ToBase64String(System.Linq.Enumerable.ToArray(checksum));
    }
}
