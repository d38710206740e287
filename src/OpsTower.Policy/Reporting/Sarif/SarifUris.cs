using System;
using System.IO;
using System.Text;

namespace OpsTower.Policy.Reporting.Sarif;

/// <summary>URIs for scanned files and the scan root, escaped the same way on every platform.</summary>
internal static class SarifUris
{
    /// <summary>
    /// A relative path with '/' separators as a relative URI reference: every byte of its UTF-8 form except unreserved
    /// characters and '/' is percent-encoded. That escapes ':' (a first segment like <c>c:x</c> would read as a scheme),
    /// '%', '#', '?' and spaces, and GitHub (which decodes with <c>decodeURIComponent</c>) gets the path back exactly.
    /// </summary>
    public static string FromRelativePath(string path) => Escape(path, keepColon: false);

    /// <summary>The <c>file:</c> URI of a directory, ending with '/' as SARIF requires of a <c>uriBaseId</c>'s URI.</summary>
    public static string FromDirectory(string directory)
    {
        string path = Path.GetFullPath(directory).Replace('\\', '/');
        if (!path.EndsWith("/", StringComparison.Ordinal)) path += "/";
        // "/home/x/" → file:///home/x/, "C:/x/" → file:///C:/x/, "//server/share/" → file://server/share/.
        string prefix = path.StartsWith("//", StringComparison.Ordinal) ? "file:" : path.StartsWith("/", StringComparison.Ordinal) ? "file://" : "file:///";
        // In an absolute URI the drive letter's ':' is unambiguous, so it stays readable.
        return prefix + Escape(path, keepColon: true);
    }

    private static string Escape(string path, bool keepColon)
    {
        var builder = new StringBuilder(path.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(path))
        {
            char c = (char)b;
            if (IsUnreserved(c) || c == '/' || (keepColon && c == ':')) builder.Append(c);
            else builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
        }
        return builder.ToString();
    }

    private const string HexDigits = "0123456789ABCDEF";

    private static bool IsUnreserved(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}
